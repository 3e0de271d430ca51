using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// The outcome of analysing one unit: a model, or syntax errors, or both (a config read without an
/// include that is not there: the errors say what is missing, the model what the rest says).
/// </summary>
public sealed record AnalysisResult(MtaConfig? Config, IReadOnlyList<SyntaxError> Errors)
{
    public static AnalysisResult Success(MtaConfig config) => new(config, []);

    public static AnalysisResult Failure(params SyntaxError[] errors) => new(null, errors);

    public bool Succeeded => Config is not null && Errors.Count == 0;

    /// <summary>
    /// How the unit was read, for the report to say once: defaults assumed for a file that is not there
    /// (a master.cf without its main.cf), a build step applied (Debian's update-exim4.conf).
    /// </summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>
    /// Every file the analysis read beyond those it was given (Exim <c>.include</c>), also when it
    /// failed: a report must know which texts it holds so that it quotes none from outside the linted tree.
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];
}
