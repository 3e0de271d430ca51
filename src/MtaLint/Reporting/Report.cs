using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>Everything a run found, in deterministic order, ready for a formatter.</summary>
/// <param name="Diagnostics">The findings after suppressions and policy, sorted (<see cref="DiagnosticOrder"/>).</param>
/// <param name="FilesChecked">Every file read, in order.</param>
/// <param name="Applied">Fixes applied by <c>--fix</c> (empty otherwise).</param>
/// <param name="Notes">Run-level messages that are not findings (a template skipped, a file excluded).</param>
public sealed record Report(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> FilesChecked,
    IReadOnlyList<Diagnostic> Applied,
    IReadOnlyList<string> Notes)
{
    public int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);

    public int Fixable(bool includeUnsafe) => Diagnostics.Count(d => d.Fix is { } f && (includeUnsafe || f.Safety == FixSafety.Safe));
}

/// <summary>Writes a report in one output format (<c>--format NAME</c>).</summary>
public interface IReportFormatter
{
    string Name { get; }

    void Write(Report report, TextWriter output);
}
