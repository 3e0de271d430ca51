using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>Postfix (to be implemented).</summary>
public sealed class PostfixDialect : IDialect
{
    public string Name => "postfix";

    public MtaKind Mta => MtaKind.Postfix;

    public bool Recognizes(string path, Func<string> head) => false;

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => paths.Select(p => new ConfigUnit(this, [p])).ToArray();

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options) =>
        AnalysisResult.Failure(new SyntaxError(files[0].Span(0, 0), "postfix configs are not supported yet"));
}
