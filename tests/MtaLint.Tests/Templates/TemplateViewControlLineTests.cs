using CsCheck;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// How the masked view reads lines that hold only statement and comment tags, checked on generated templates against
/// a plain char-by-char reading of the tokens: the view marks such lines from the control tags alone, not from a
/// table of every line (issue 15's cost), and must still mark exactly those lines.
/// </summary>
public sealed class TemplateViewControlLineTests
{
    private static readonly Gen<string> Fragment = Gen.OneOf(
        Gen.Const("name = value"), Gen.Const("  continued"), Gen.Const("# a comment"), Gen.Const(""), Gen.Const("   "), Gen.Const("\t"),
        Gen.Const("{% if x %}"), Gen.Const("{% endif %}"), Gen.Const("{%- if y -%}"), Gen.Const("  {% set a = 1 %}  "), Gen.Const("{# c #}"),
        Gen.Const("{# over\n   two lines #}"), Gen.Const("{#\n#}"), Gen.Const("{{ ansible_managed | comment }}"), Gen.Const("{{ v }}"),
        Gen.Const("x{% endif %}"));

    private static readonly Gen<string> Templates = Gen.Select(
        Fragment.Array[1, 3].Select(parts => string.Concat(parts)).Array[1, 12],
        Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n")),
        Gen.Bool,
        (lines, lineBreak, finalBreak) => string.Join(lineBreak, lines) + (finalBreak ? lineBreak : ""));

    [Fact]
    public void A_line_of_only_control_tags_reads_as_a_comment_line_and_every_other_line_keeps_its_text()
    {
        Templates.Sample(template =>
        {
            var document = TemplateDocument.Parse(new SourceFile("main.cf.j2", template), JinjaOptions.Ansible);
            var view = TemplateView.Build(document, TemplateView.Unknown);
            var reading = new Reading(template, document.Tokens);

            Assert.Equal(template.Length, view.Text.Length);
            for (var i = 0; i < template.Length; i++)
            {
                // A tag's own line breaks may read as blanks (a comment over lines after text renders as nothing), no other.
                Assert.True(template[i] == '\n' == (view.Text[i] == '\n') || !reading.InLiteral(i));
            }

            foreach (var (start, end) in reading.Lines())
            {
                var source = template[start..end];
                var shown = view.Text[start..end];
                if (reading.ControlOnly(start, end) && reading.MaskedTagsOnly(start, end))
                {
                    Assert.Equal(source.Trim(' ', '\t', '\r').Length == 0 ? "" : "#", shown.Trim(' ', '\t', '\r'));
                }
                else
                {
                    for (var i = start; i < end; i++)
                    {
                        if (reading.InLiteral(i))
                        {
                            Assert.Equal(template[i], view.Text[i]);
                        }
                    }
                }
            }
        }, iter: 3000);
    }

    /// <summary>The template's lines and tokens read char by char: what the view is built from, without its shortcuts.</summary>
    private sealed class Reading(string text, IReadOnlyList<TemplateToken> tokens)
    {
        private readonly TemplateToken[] _at = Enumerable.Range(0, text.Length).Select(i => tokens.First(t => t.Span.Start <= i && i < t.Span.End)).ToArray();

        public IEnumerable<(int Start, int End)> Lines()
        {
            for (var start = 0; start < text.Length;)
            {
                var end = text.IndexOf('\n', start);
                end = end < 0 ? text.Length : end;
                yield return (start, end);
                start = end + 1;
            }
        }

        public bool InLiteral(int i) => _at[i].Kind == TemplateTokenKind.Literal;

        // Every non-blank char is inside a statement, comment or comment-rendering tag.
        public bool ControlOnly(int start, int end) =>
            Enumerable.Range(start, end - start).All(i => text[i] is ' ' or '\t' or '\r' || IsControl(_at[i]));

        // The control tags on the line have only such lines (else they read as holes, blanks or nothing, not as a comment).
        public bool MaskedTagsOnly(int start, int end) =>
            Enumerable.Range(start, Math.Min(end + 1, text.Length) - start).Select(i => _at[i]).Where(IsControl).Distinct()
                .All(t => Lines().Where(l => l.End >= t.Span.Start && l.Start < t.Span.End).All(l => ControlOnly(l.Start, l.End)));

        private bool IsControl(TemplateToken token) =>
            token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment or TemplateTokenKind.Header
            || token.Kind == TemplateTokenKind.Expression && text[token.Code.Start..token.Code.End].Trim().EndsWith("| comment", StringComparison.Ordinal);
    }
}
