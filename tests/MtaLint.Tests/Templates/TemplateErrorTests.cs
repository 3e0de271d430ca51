using MtaLint.Syntax.Templates;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Unclosed and mismatched blocks and unterminated tags are syntax errors at file:line:column, and the real engine
/// refuses the same templates (Jinja's parser, Ruby compiling what ERB makes of one, Puppet's EPP parser).
/// </summary>
public sealed class TemplateErrorTests
{
    [Theory]
    [MemberData(nameof(TemplateFiles.Invalid), MemberType = typeof(TemplateFiles))]
    public void A_broken_template_is_a_syntax_error_where_the_engine_also_fails(string path)
    {
        var file = TemplateFiles.Read(path);
        var options = TemplateFiles.Options(path);
        var doc = TemplateDocument.Parse(file, options);

        // "LINE:COLUMN", and "accepted" after it where the engine renders the template anyway (Ruby's ERB drops an
        // unclosed tag and the rest of the file without a word; mtalint reports it).
        var expected = File.ReadAllText(TemplateFiles.FullPath(path) + ".expected").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(expected[0], error.Location.Start.ToString());
        Assert.Equal(file.Text, string.Concat(doc.Tokens.Select(t => file.Text.Substring(t.Span.Start, t.Span.Length))));

        var engine = options switch
        {
            JinjaOptions j => TemplateOracle.JinjaLex(file.Text, j.TrimBlocks, j.LstripBlocks, j.ReadsOverrideHeader),
            ErbOptions { Scanner: ErbScanner.Epp } => TemplateOracle.Erb("check-epp", file.Text),
            _ => TemplateOracle.Erb("check-erb", file.Text),
        };
        var accepted = expected.Length > 1 && expected[1] == "accepted";
        Assert.True(engine.TryGetProperty("error", out _) != accepted, accepted
            ? $"the engine now refuses {path}: drop 'accepted' from its .expected"
            : $"the engine accepts {path}, which mtalint refuses with: {error.Message}");
    }
}
