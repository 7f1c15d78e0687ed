# tests/zsh_complete.zsh - what zsh's completion offers, as a user's Tab
# gets it: an interactive zsh on a pseudo-terminal (zpty), compinit with
# completion/_shenyue in $fpath, and each LINE typed followed by Tab.
#
#   zsh -f tests/zsh_complete.zsh COMPDIR OUTFILE LINE...
#
# For each LINE, OUTFILE gets one line: the matches offered for its last
# word, sorted, separated by blanks (nothing offered: an empty line); a
# LINE that gets no answer within 30 s gets "TIMEOUT".  compadd is wrapped
# to record the matches it adds (as they match the word, zsh's own
# matching: compadd -O), and comppostfuncs says when a completion is done.
# Exit status: 0, or 2 when zsh/zpty is missing.
emulate -L zsh
zmodload zsh/zpty || exit 2
local compdir=$1 out=$2 w=${TMPDIR:-/tmp}/zsh-complete.$$ line chunk
shift 2
: >$out
mkdir -p $w || exit 2
# the shell that completes: no prompt, compinit, the wrapped compadd
# (ZC_DIR and ZC_FPATH in its environment)
cat >$w/init <<'EOF'
PS1= RPS1= PS2=
fpath=($ZC_FPATH $fpath)
autoload -U compinit && compinit -u -D
compadd() {
	if [[ ${@[1,(i)(-|--)]} == *-[OAD]\ * ]]; then
		builtin compadd "$@"
		return
	fi
	local -a __m
	builtin compadd -O __m "$@"
	(( $#__m )) && print -rl -- $__m >>$ZC_DIR/matches.$_t_n
	builtin compadd "$@"
}
typeset -i _t_n=0
_t_done() { print -r -- $_t_n >>$ZC_DIR/done }
_t_tab() { (( _t_n++ )); comppostfuncs=(_t_done); zle complete-word }
zle -N _t_tab
bindkey '^I' _t_tab
print -r -- ready >$ZC_DIR/ready
EOF
zpty -b z env TERM=vt100 HOME=$w ZC_DIR=$w ZC_FPATH=$compdir zsh -f -i || exit 2
zpty -w z 'source $ZC_DIR/init'
# wait until FILE holds the line WORD (a bound of 30 s), draining the
# terminal
wait_for() {   # wait_for FILE WORD
	local i
	for i in {1..300}; do
		while zpty -rt z chunk 2>/dev/null; do :; done
		[[ -f $1 ]] && (( ${${(f)"$(<$1)"}[(Ie)$2]} )) && return 0
		sleep 0.1
	done
	return 1
}
local -i k=0 ok=1
wait_for $w/ready ready || ok=0
for line in "$@"; do
	if (( ! ok )); then
		print TIMEOUT >>$out
		continue
	fi
	(( k++ ))
	# Ctrl-U: a fresh line; the words; Tab (the k-th)
	zpty -w -n z $'\C-u'"$line"$'\t'
	if wait_for $w/done $k; then
		if [[ -f $w/matches.$k ]]; then
			print -r -- ${(j: :)${(ou)${(f)"$(<$w/matches.$k)"}}} >>$out
		else
			print >>$out
		fi
	else
		print TIMEOUT >>$out
		ok=0
	fi
done
zpty -d z
[[ -n ${ZSH_COMPLETE_KEEP:-} ]] || rm -rf $w
exit 0
