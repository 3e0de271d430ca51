using System.Text;
using System.Text.Json;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Every template is read losslessly (the tokens are the file, byte for byte), and its tags and the whitespace they
/// strip are where the real engine sees them: Jinja's own lexer, the tokens Ruby's ERB scanner yields to its
/// compiler, the text Erubis writes between pieces of code, the text Puppet's EPP lexer renders.
/// </summary>
public sealed class TemplateLexerTests
{
    [Theory]
    [MemberData(nameof(TemplateFiles.Valid), MemberType = typeof(TemplateFiles))]
    public void Tokens_are_the_file_byte_for_byte(string path)
    {
        var file = TemplateFiles.Read(path);
        var doc = TemplateDocument.Parse(file, TemplateFiles.Options(path));

        Assert.Empty(doc.Errors);
        var at = 0;
        foreach (var token in doc.Tokens)
        {
            Assert.Equal(at, token.Span.Start);
            Assert.True(token.Span.Length > 0, $"empty token at {at}");
            at = token.Span.End;
        }

        Assert.Equal(file.Text.Length, at);
        var joined = string.Concat(doc.Tokens.Select(t => file.Text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal(File.ReadAllBytes(TemplateFiles.FullPath(path)), file.Encode(joined));
    }

    [Theory]
    [MemberData(nameof(TemplateFiles.Valid), MemberType = typeof(TemplateFiles))]
    public void Tags_and_stripped_whitespace_are_where_the_engine_sees_them(string path)
    {
        var file = TemplateFiles.Read(path);
        var options = TemplateFiles.Options(path);
        var doc = TemplateDocument.Parse(file, options);
        Assert.Empty(doc.Errors);
        var tags = doc.Tokens.Where(t => t.IsTag && t.Kind != TemplateTokenKind.Header).ToList();

        switch (options)
        {
            case JinjaOptions jinja:
                var lexed = TemplateOracle.JinjaLex(file.Text, jinja.TrimBlocks, jinja.LstripBlocks, jinja.ReadsOverrideHeader);
                Assert.False(lexed.TryGetProperty("error", out var error), $"Jinja refuses {path}: {error}");
                Assert.Equal(OracleTags(lexed), tags.Select(Describe));
                break;
            case ErbOptions { Scanner: ErbScanner.RubyErb }:
                Assert.Equal(OracleTags(TemplateOracle.Erb("erb", file.Text)), tags.Select(Describe));
                break;
            case ErbOptions { Scanner: ErbScanner.Erubis }:
                var erubis = TemplateOracle.Erb("erubis", file.Text);
                Assert.Equal(Strings(erubis, "segments"), KeptSegments(doc, splitAtComments: true));
                break;
            case ErbOptions { Scanner: ErbScanner.Epp }:
                var epp = TemplateOracle.Erb("epp", file.Text);
                Assert.False(epp.TryGetProperty("error", out var eppError), $"Puppet refuses {path}: {eppError}");
                Assert.Equal(Strings(epp, "segments").Where(s => s.Length > 0), KeptSegments(doc, splitAtComments: false).Where(s => s.Length > 0));
                var code = tags.Where(t => t.Kind != TemplateTokenKind.Comment).Select(t => t.Code).ToList();
                foreach (var offset in epp.GetProperty("code").EnumerateArray().Select(o => o.GetInt32()))
                {
                    Assert.True(code.Any(c => c.Start <= offset && offset < c.End), $"Puppet reads code at {file.GetPosition(offset)}, outside every tag mtalint found");
                }

                break;
        }
    }

    private static string Describe(TemplateToken t) =>
        $"{t.Kind} {t.Span.Start}-{t.Span.End} strips {t.StrippedBefore.Start}-{t.StrippedBefore.End} / {t.StrippedAfter.Start}-{t.StrippedAfter.End}";

    private static List<string> OracleTags(JsonElement result)
    {
        Assert.False(result.TryGetProperty("error", out var error), $"the engine refuses the template: {error}");
        return result.GetProperty("tags").EnumerateArray().Select(t =>
        {
            int At(string name, int i) => t.GetProperty(name)[i].GetInt32();
            return $"{t.GetProperty("kind").GetString()} {t.GetProperty("start").GetInt32()}-{t.GetProperty("end").GetInt32()} strips {At("before", 0)}-{At("before", 1)} / {At("after", 0)}-{At("after", 1)}";
        }).ToList();
    }

    private static List<string> Strings(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(s => s.GetString()!).ToList();

    /// <summary>The text the template writes between two code tags, by mtalint's tokens: literal text less what tags strip, escapes as they render.</summary>
    internal static List<string> KeptSegments(TemplateDocument doc, bool splitAtComments)
    {
        var text = doc.File.Text;
        var stripped = new bool[text.Length];
        foreach (var tag in doc.Tokens.Where(t => t.IsTag))
        {
            foreach (var span in new[] { tag.StrippedBefore, tag.StrippedAfter })
            {
                Array.Fill(stripped, true, span.Start, span.Length);
            }
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        foreach (var token in doc.Tokens)
        {
            if (token.Kind == TemplateTokenKind.Literal)
            {
                for (var i = token.Span.Start; i < token.Span.End; i++)
                {
                    if (!stripped[i])
                    {
                        current.Append(text[i]);
                    }
                }
            }
            else if (token.Kind == TemplateTokenKind.Escape)
            {
                current.Append(token.Renders);
            }
            else if (token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Expression || (splitAtComments && token.Kind == TemplateTokenKind.Comment))
            {
                segments.Add(current.ToString());
                current.Clear();
            }
        }

        segments.Add(current.ToString());
        return segments;
    }
}
