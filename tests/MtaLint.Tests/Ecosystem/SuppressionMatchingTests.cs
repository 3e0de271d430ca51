using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Which comment suppresses which finding is found by a sweep and a binary search instead of
/// trying every comment for every finding and every assignment for every comment. The oracle is
/// that direct reading, as it was: on random files of settings, continuation lines, blank lines,
/// comments and suppressions, and random findings, both must give the same target for every
/// comment and the same suppressing comment for every finding.
/// </summary>
public sealed class SuppressionMatchingTests
{
    private static readonly string[] Rules = ["MTA304", "MTA305"];

    /// <summary>The random files are Postfix's.</summary>
    private static readonly CommentSyntax Comments = new PostfixDialect().Comments;

    [Fact]
    public void Random_files_get_the_targets_and_suppressors_of_the_direct_reading()
    {
        var random = new Random(1);
        for (var round = 0; round < 3000; round++)
        {
            var (file, config) = RandomFile(random, shuffled: round % 4 == 3);
            var (comments, _) = SuppressionParser.Parse(file, Comments);
            var cover = new SuppressionTargets(file, config, Comments);
            var targets = comments.Select(c => c.Scope == SuppressionScope.File ? null : cover.For(c.LineNumber)).ToArray();
            var expectedTargets = comments.Select(c => c.Scope == SuppressionScope.File ? null : DirectTarget(file, c, config)).ToArray();
            Assert.True(expectedTargets.SequenceEqual(targets), $"round {round}: targets differ in\n{file.Text}");

            var diagnostics = RandomDiagnostics(random, file);
            var actual = new SuppressionMatcher(comments, targets).Match(diagnostics);
            var expected = diagnostics.Select(d => DirectSuppressor(d, comments, expectedTargets)).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"round {round}: suppressors differ in\n{file.Text}");
        }
    }

    private static (SourceFile File, MtaConfig Config) RandomFile(Random random, bool shuffled)
    {
        var text = new System.Text.StringBuilder();
        var settings = new List<(int Start, int End, int MoreLines)>();
        var lines = random.Next(1, 30);
        for (var i = 0; i < lines; i++)
        {
            switch (random.Next(7))
            {
                case 0:
                    text.Append('\n');
                    break;
                case 1:
                    text.Append("# note\n");
                    break;
                case 2 or 3:
                    var ids = string.Join(",", Enumerable.Range(0, random.Next(1, 3)).Select(_ => Rules[random.Next(Rules.Length)]));
                    text.Append(random.Next(5) == 0 ? $"# mtalint: disable-file={ids}\n" : $"{(random.Next(4) == 0 ? "  " : string.Empty)}# mtalint: disable={ids} -- why\n");
                    break;
                case 4:
                    text.Append("    continued\n");
                    break;
                default:
                    // A setting whose assignment may reach past its lines: over a comment line inside
                    // the value (Postfix), or, made up, over a few more lines, so targets chain and nest.
                    var start = text.Length;
                    text.Append($"name{i} = value\n");
                    switch (random.Next(4))
                    {
                        case 0:
                            text.Append("  more\n");
                            break;
                        case 1:
                            text.Append("# inside\n  tail\n");
                            break;
                    }

                    settings.Add((start, text.Length, random.Next(3) == 0 ? random.Next(1, 4) : 0));
                    break;
            }
        }

        if (random.Next(3) == 0 && text.Length > 0)
        {
            text.Length--; // no final newline
        }

        var file = new SourceFile("/tmp/mtalint-test/main.cf", text.ToString());
        var spans = settings.Select(s => (s.Start, End: EndAfter(file, Math.Min(s.End, file.Text.Length), s.MoreLines))).ToList();
        if (shuffled)
        {
            spans = spans.OrderBy(_ => random.Next()).ToList();
        }

        var assignments = spans.Select(s => new SettingAssignment("name", "main.cf", file.Span(s.Start, 4), file.Span(s.Start, s.End - s.Start), IsKnown: true)).ToArray();
        return (file, new MtaConfig { Mta = MtaKind.Postfix, Files = [file], Services = [], Assignments = assignments });
    }

    private static int EndAfter(SourceFile file, int end, int lines)
    {
        for (var i = 0; i < lines && end < file.Text.Length; i++)
        {
            var next = file.Text.IndexOf('\n', end);
            end = next < 0 ? file.Text.Length : next + 1;
        }

        return end;
    }

    private static List<Diagnostic> RandomDiagnostics(Random random, SourceFile file)
    {
        var diagnostics = new List<Diagnostic>();
        for (var i = 0; i < random.Next(0, 40); i++)
        {
            var rule = random.Next(8) == 0 ? Linter.SyntaxErrorId : Rules[random.Next(Rules.Length)];
            var finding = random.Next(6) == 0
                ? Finding.InFile(file, "file-level")
                : Finding.At(file.Span(random.Next(file.Text.Length + 1), 0), "here");
            diagnostics.Add(new Diagnostic(rule, rule, Severity.Warning, finding));
        }

        return diagnostics;
    }

    /// <summary>The suppressor as it was found before: every comment tried in order.</summary>
    private static SuppressedId? DirectSuppressor(Diagnostic d, IReadOnlyList<SuppressionComment> comments, IReadOnlyList<TextSpan?> targets)
    {
        if (d.RuleId == Linter.SyntaxErrorId)
        {
            return null;
        }

        for (var i = 0; i < comments.Count; i++)
        {
            var entry = comments[i].Ids.FirstOrDefault(e => e.Id == d.RuleId);
            if (entry is null)
            {
                continue;
            }

            if (comments[i].Scope == SuppressionScope.File)
            {
                return entry;
            }

            if (targets[i] is { } target && d.Finding.Location is { } location && location.Span.Start >= target.Start && location.Span.Start < Math.Max(target.End, target.Start + 1))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The target as it was found before: lines read forward from the comment, every assignment looked at.</summary>
    private static TextSpan? DirectTarget(SourceFile file, SuppressionComment comment, MtaConfig config)
    {
        var line = comment.LineNumber + 1;
        while (line <= file.LineCount)
        {
            var text = file.GetLineText(line);
            if (text.Trim().Length > 0 && !Comments.IsCommentLine(text))
            {
                break;
            }

            line++;
        }

        if (line > file.LineCount || (line == file.LineCount && file.GetLineStart(line) >= file.Text.Length))
        {
            return null;
        }

        var start = file.GetLineStart(line);
        var end = LineEnd(file, line);
        var next = line + 1;
        while (next <= file.LineCount)
        {
            var text = file.GetLineText(next);
            if (text.Length == 0 || !(text[0] is ' ' or '\t') || text.Trim().Length == 0)
            {
                break;
            }

            end = LineEnd(file, next);
            next++;
        }

        foreach (var assignment in config.Assignments)
        {
            var span = assignment.WholeSpan;
            if (span.File.Path == file.Path && span.Span.Start >= start && span.Span.Start < end)
            {
                end = Math.Max(end, span.Span.End);
            }
        }

        return TextSpan.FromBounds(start, end);
    }

    private static int LineEnd(SourceFile file, int line) => line < file.LineCount ? file.GetLineStart(line + 1) : file.Text.Length;
}
