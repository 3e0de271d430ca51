using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Workspace;

namespace MtaLint.Cli;

/// <summary>Counts for the summary and the exit code of a <see cref="LintRun"/>, accumulated unit by unit.</summary>
internal sealed class RunTotals(string failOn)
{
    private readonly HashSet<string> _filesWithFindings = new(StringComparer.Ordinal);
    private int _files;
    private int _errors;
    private int _warnings;
    private int _infos;
    private int _fixable;
    private int _fixableUnsafe;
    private int _fixed;
    private int _filesFixed;
    private bool _failing;
    private bool _syntaxErrors;

    public bool Failed { get; set; }

    /// <summary>Files left out by an <c>exclude:</c> pattern.</summary>
    public int Excluded { get; init; }

    public int Proposed { get; private set; }

    public int ChangedFiles { get; private set; }

    public void Add(UnitReport report, IReadOnlyList<FileChange> changes)
    {
        _files += report.Files.Count;
        foreach (var d in report.Diagnostics)
        {
            _filesWithFindings.Add(d.Path);
            switch (d.Severity)
            {
                case Severity.Error: _errors++; break;
                case Severity.Warning: _warnings++; break;
                default: _infos++; break;
            }

            if (d.Fix is { Edits.Count: > 0 } fix)
            {
                if (fix.Safety == FixSafety.Safe)
                {
                    _fixable++;
                }
                else
                {
                    _fixableUnsafe++;
                }
            }

            _syntaxErrors |= d.RuleId == Linter.SyntaxErrorId;
            _failing |= AtOrAbove(d.Severity);
        }

        _fixed += report.Applied.Count;
        _filesFixed += changes.Count(c => c.Written);
        if (changes.Count > 0 && !changes.Any(c => c.Written))
        {
            ChangedFiles += changes.Count;
        }
    }

    public void AddProposed(int count) => Proposed += count;

    private bool AtOrAbove(Severity severity) => failOn switch
    {
        "never" => false,
        "error" => severity >= Severity.Error,
        "info" => true,
        _ => severity >= Severity.Warning,
    };

    public RunSummary Summary() => new(_files, _filesWithFindings.Count, _errors, _warnings, _infos, _fixable, _fixableUnsafe, _fixed, _filesFixed, Excluded, Proposed, ChangedFiles);

    public int ExitCode(RunMode mode)
    {
        if (Failed || _syntaxErrors)
        {
            return ExitCodes.Error;
        }

        if (mode == RunMode.Diff)
        {
            return ChangedFiles > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        }

        return _failing ? ExitCodes.Findings : ExitCodes.Clean;
    }
}
