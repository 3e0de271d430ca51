using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>Exim (to be implemented).</summary>
public sealed class EximDialect : IDialect
{
    public string Name => "exim";

    public MtaKind Mta => MtaKind.Exim;

    public bool Recognizes(string path, Func<string> head) => false;

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => paths.Select(p => new ConfigUnit(this, [p])).ToArray();

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options) =>
        AnalysisResult.Failure(new SyntaxError(files[0].Span(0, 0), "exim configs are not supported yet"));
}
