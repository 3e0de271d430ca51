using MtaLint.Fixes;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>The findings of one config unit, reported as soon as the unit is done (runs stream unit by unit).</summary>
/// <param name="Files">The unit's files, in the order the MTA reads them.</param>
/// <param name="Diagnostics">The findings after suppressions and policy, sorted (<see cref="DiagnosticOrder"/>).</param>
/// <param name="Applied">Fixes applied by <c>--fix</c> (empty otherwise).</param>
public sealed record UnitReport(IReadOnlyList<string> Files, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Diagnostic> Applied)
{
    /// <summary>With <c>--diff</c>: each file the fixes would change (nothing is written).</summary>
    public IReadOnlyList<FileDiff> Diffs { get; init; } = [];

    /// <summary>
    /// Lines the text report prints once before the unit's findings (<c>PATH: note: ...</c>): files read
    /// with the ones named, defaults assumed for a file that is not there, a build step applied.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A file's text before and after the fixes of a <c>--diff</c> run, and how many findings in it they fix.</summary>
public sealed record FileDiff(Text.SourceFile Before, Text.SourceFile After, int Fixes);

/// <summary>The totals of a run, written after the last unit.</summary>
/// <param name="FilesChecked">Files read (or found unreadable).</param>
/// <param name="FilesWithFindings">Files with at least one finding.</param>
/// <param name="Fixable">Findings a plain <c>--fix</c> would fix (safe fixes).</param>
/// <param name="FixableUnsafe">Findings only <c>--unsafe-fixes</c> would fix.</param>
/// <param name="Fixed">Findings fixed by this run.</param>
/// <param name="FilesFixed">Files rewritten by this run.</param>
/// <param name="FilesExcluded">Files found but left out by an <c>exclude:</c> pattern of <c>.mtalint.yaml</c>.</param>
/// <param name="WouldFix">With <c>--diff</c>: findings the diff fixes.</param>
/// <param name="FilesWouldChange">With <c>--diff</c>: files the diff changes.</param>
public sealed record RunSummary(
    int FilesChecked,
    int FilesWithFindings,
    int Errors,
    int Warnings,
    int Infos,
    int Fixable,
    int FixableUnsafe,
    int Fixed,
    int FilesFixed,
    int FilesExcluded = 0,
    int WouldFix = 0,
    int FilesWouldChange = 0)
{
    public int Total => Errors + Warnings + Infos;
}

/// <summary>Everything a run found, for formats that need the whole run before writing (counts in a header).</summary>
internal sealed record Report(IReadOnlyList<UnitReport> Units, RunSummary Summary)
{
    public IEnumerable<Diagnostic> Diagnostics => Units.SelectMany(u => u.Diagnostics);
}

/// <summary>What every format may take into account.</summary>
/// <param name="Color">Write ANSI colours (a terminal, and <c>NO_COLOR</c> unset).</param>
/// <param name="UnsafeFixes">The run was given <c>--unsafe-fixes</c>.</param>
/// <param name="Mode">How the run treated fixes, for the summary wording.</param>
/// <param name="ToolVersion">mtalint's version, for formats that name the tool (SARIF).</param>
/// <param name="Quiet">Findings only: no summary line (<c>--quiet</c>).</param>
/// <param name="ShowFixes">Show each fix as a diff under its finding, and list what <c>--fix</c> applied (<c>--show-fixes</c>).</param>
/// <param name="Width">Columns to wrap long messages to (a terminal's width); null: no wrapping (a pipe, a file).</param>
/// <param name="CountFiles">The summary says how many files were checked (not for a probe, whose "files" are a session and a greeting).</param>
public sealed record ReportSettings(
    bool Color = false,
    bool UnsafeFixes = false,
    RunMode Mode = RunMode.Check,
    string ToolVersion = "0.0.0",
    bool Quiet = false,
    bool ShowFixes = false,
    int? Width = null,
    bool CountFiles = true);

/// <summary>An output format, selected with <c>--format NAME</c>.</summary>
public interface IReportFormatter
{
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Starts a run's output: the writer gets each unit in order, then the summary.</summary>
    IReportWriter Start(TextWriter output, ReportSettings settings);
}

/// <summary>Writes one run in one format, unit by unit.</summary>
public interface IReportWriter
{
    void Write(UnitReport unit);

    void Finish(RunSummary summary);
}

/// <summary>
/// Base for formats that need the whole run at once (totals before the results, one JSON document
/// with nested arrays...): collects the units, then calls <see cref="Write(Report, TextWriter, ReportSettings)"/>.
/// </summary>
internal abstract class WholeRunFormatter : IReportFormatter
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Collector(this, output, settings);

    protected abstract void Write(Report report, TextWriter output, ReportSettings settings);

    private sealed class Collector(WholeRunFormatter formatter, TextWriter output, ReportSettings settings) : IReportWriter
    {
        private readonly List<UnitReport> _units = [];

        public void Write(UnitReport unit) => _units.Add(unit);

        public void Finish(RunSummary summary) => formatter.Write(new Report(_units, summary), output, settings);
    }
}
