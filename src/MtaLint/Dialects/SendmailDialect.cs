using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>Sendmail (to be implemented).</summary>
public sealed class SendmailDialect : IDialect
{
    public string Name => "sendmail";

    public MtaKind Mta => MtaKind.Sendmail;

    public bool Recognizes(string path, Func<string> head) => false;

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => paths.Select(p => new ConfigUnit(this, [p])).ToArray();

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options) =>
        AnalysisResult.Failure(new SyntaxError(files[0].Span(0, 0), "sendmail configs are not supported yet"));
}
