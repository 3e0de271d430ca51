using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Engine;

/// <summary>The findings on one config unit.</summary>
/// <param name="Files">The files as read (or as fixed): the unit's files, then the files they include.</param>
/// <param name="Config">The model; null when the files could not be parsed.</param>
public sealed record LintResult(IReadOnlyList<SourceFile> Files, MtaConfig? Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>How the unit was read, for the report to say once (<see cref="AnalysisResult.Remarks"/>).</summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>
    /// Every file the dialect read beyond the unit's own (<see cref="AnalysisResult.Included"/>): those
    /// <see cref="Files"/> hold after the unit's, and those it found on its own (a report must not quote
    /// one outside the linted tree).
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];

    /// <summary>The dialect that read the unit (its comment syntax is what suppressions are written in); null for what a probe observed.</summary>
    public IDialect? Dialect { get; init; }
}
