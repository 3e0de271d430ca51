using MtaLint.Model;
using MtaLint.Model.Sendmail;
using MtaLint.Syntax.Sendmail;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Sendmail's m4 configuration: <c>sendmail.mc</c>, <c>submit.mc</c> and any <c>.mc</c> whose text is
/// m4 for sendmail-cf. Each file is its own configuration (m4 builds one .cf from one .mc).
/// </summary>
public sealed class SendmailDialect : IDialect, ILosslessSyntax
{
    private static readonly string[] Markers =
        ["divert(", "define(`conf", "OSTYPE(", "DOMAIN(", "FEATURE(", "MAILER(", "DAEMON_OPTIONS(", "VERSIONID(", "cf.m4", "include(`"];

    public string Name => "sendmail";

    public MtaKind Mta => MtaKind.Sendmail;

    public bool Recognizes(string path, Func<string> head)
    {
        var name = Path.GetFileName(path);
        if (!name.EndsWith(".mc", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".mc.j2", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (name is "sendmail.mc" or "submit.mc")
        {
            return true;
        }

        var text = head();
        return Markers.Any(m => text.Contains(m, StringComparison.Ordinal));
    }

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => paths.Select(p => new ConfigUnit(this, [p])).ToArray();

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        var file = files[0];
        var parsed = M4Parser.Parse(file);
        if (parsed.Error is { } error)
        {
            return AnalysisResult.Failure(new SyntaxError(file.Span(error.Offset, 1), error.Message));
        }

        var (config, runaway) = SendmailExtractor.TryExtract(parsed.Document, options);
        return config is not null ? AnalysisResult.Success(config) : AnalysisResult.Failure(runaway!);
    }

    public string Reprint(SourceFile file) => M4Parser.Parse(file).Document.Print();
}
