using System.CommandLine;

namespace MtaLint.Cli;

/// <summary>
/// <c>mtalint completion bash|zsh|fish</c>: a shell script that asks mtalint itself for completions
/// through System.CommandLine's <c>[suggest:POSITION]</c> directive, so options, formats, rule ids
/// and dialects complete from the same definitions <c>--help</c> shows; files complete when nothing else does.
/// </summary>
internal static class CompletionCommand
{
    public static readonly string[] Shells = ["bash", "zsh", "fish"];

    public static Command Create(TextWriter stdout)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completion", "Print a shell completion script (bash: eval \"$(mtalint completion bash)\" in ~/.bashrc)");
        command.Arguments.Add(shell);
        command.SetAction(result =>
        {
            stdout.Write(Script(result.GetValue(shell)!));
            return ExitCodes.Clean;
        });
        return command;
    }

    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # mtalint completion for bash: eval "$(mtalint completion bash)"
            _mtalint_complete() {
                local IFS=$'\n'
                COMPREPLY=($(mtalint "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
            }
            complete -o default -o bashdefault -F _mtalint_complete mtalint

            """,
        // As an autoloaded file (_mtalint in $fpath, where the .deb puts it) zsh runs the body as the
        // completion function itself; under eval it registers the function instead.
        "zsh" => """
            #compdef mtalint
            # mtalint completion for zsh: eval "$(mtalint completion zsh)", or save as _mtalint in a folder of $fpath
            _mtalint_complete() {
                local line="${BUFFER[1,$CURSOR]}"
                local -a candidates
                candidates=("${(@f)$(mtalint "[suggest:${#line}]" "$line" 2>/dev/null)}")
                if [[ -n "${candidates[1]}" ]]; then
                    compadd -a candidates
                else
                    _files
                fi
            }
            if [[ "${funcstack[1]}" == _mtalint ]]; then
                _mtalint_complete "$@"
            else
                compdef _mtalint_complete mtalint
            fi

            """,
        _ => """
            # mtalint completion for fish: mtalint completion fish > ~/.config/fish/completions/mtalint.fish
            complete -c mtalint -a '(set -l line (commandline -cp); mtalint "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)'

            """,
    };
}
