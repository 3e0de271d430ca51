using System.Text.Json;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The block tree says which literal lines are inside which condition and loop; the real engine confirms it. Each
/// condition mtalint found is replaced by <c>__flip(k)</c> and each loop's items by <c>__loop(k, n)</c> (0 or 2 items),
/// a marker is put at the start of every branch body and of every line with literal text, and the template is
/// rendered with Jinja2, ERB or Erubis under flip sets that turn each condition on and off. Then a line's marker
/// appears only where every branch mtalint puts it in was rendered, and (outside macros and captures) always then;
/// a branch is rendered exactly when its own condition, and no earlier one of its block, holds.
/// </summary>
public sealed class TemplateBlockTreeTests
{
    private sealed record Probe(int Id, TemplateBlock Block, TemplateBranch Branch, Probe? Parent, int? Flip, bool Controlled)
    {
        /// <summary>
        /// Rendered exactly when the flips say: only controlled blocks on the way up (no macro, capture, case/when,
        /// while or other block, whose rendering the flips do not decide).
        /// </summary>
        public bool Unconditional => Controlled && (Parent?.Unconditional ?? true);

        public bool Observable => Block.Kind != TemplateBlockKind.Raw && Branch.Keyword != "case" && !Branch.Blocks.Any(b => b.Opener == Branch.Tag);
    }

    [Theory]
    [MemberData(nameof(TemplateFiles.Renderable), MemberType = typeof(TemplateFiles))]
    public void Lines_inside_a_branch_render_exactly_when_the_engine_takes_it(string path)
    {
        var file = TemplateFiles.Read(path);
        var options = TemplateFiles.Options(path);
        var doc = TemplateDocument.Parse(file, options);
        Assert.Empty(doc.Errors);

        var probes = new List<Probe>();
        var edits = new List<(int Start, int End, string Text)>();
        var flips = 0;
        var ruby = options.Engine == TemplateEngine.Erb;
        void Walk(IReadOnlyList<TemplateBlock> blocks, Probe? parent)
        {
            foreach (var block in blocks)
            {
                var controlled = block.Kind == TemplateBlockKind.Raw;
                foreach (var branch in block.Branches)
                {
                    int? flip = null;
                    if (block.Kind == TemplateBlockKind.Conditional && block.Keyword is "if" or "unless" && branch.Condition is not null)
                    {
                        flip = flips++;
                        edits.Add((branch.ConditionSpan.Start, branch.ConditionSpan.End, $"__flip({flip})"));
                    }
                    else if (branch.Loop is { } loop)
                    {
                        flip = flips++;
                        var each = ruby && loop.SourceSpan != loop.IterableSpan ? ".each" : "";
                        edits.Add((loop.SourceSpan.Start, loop.SourceSpan.End, $"__loop({flip}, {Math.Max(1, loop.Variables.Count)}){each}"));
                    }
                    else if (branch.Keyword == "for")
                    {
                        Assert.Fail($"{path}: a loop without a header at {file.GetPosition(branch.Tag.Span.Start)}");
                    }

                    // A block is controlled when the flips decide its first branch (an if's condition, a loop's items).
                    controlled |= branch == block.Branches[0] && flip is not null;
                    var probe = new Probe(probes.Count, block, branch, parent, flip, controlled);
                    probes.Add(probe);
                    // A raw block is literal; the text between "case x" and its first "when" is not rendered at all; a
                    // branch whose tag also opens an inner block (<% if a then xs.each do |x| %>) starts inside that one.
                    if (probe.Observable)
                    {
                        edits.Add((branch.Body.Start, branch.Body.Start, $"\u0002P{probe.Id}\u0003"));
                    }

                    Walk(branch.Blocks, probe);
                }
            }
        }

        Walk(doc.Blocks, null);
        var lines = Soundness.TemplateRenderer.LiteralLineStarts(doc);
        edits.AddRange(lines.Select(l => (l.Offset, l.Offset, $"\u0002L{l.Line}\u0003")));

        var sets = FlipSets(flips, probes);
        var job = JsonSerializer.Serialize(new
        {
            template = file.Text,
            edits = edits.Select(e => new { start = e.Start, end = e.End, text = e.Text }),
            sets,
            trim = options is JinjaOptions { TrimBlocks: true },
            lstrip = options is JinjaOptions { LstripBlocks: true },
            ansible = options is JinjaOptions { ReadsOverrideHeader: true },
            ivars = doc.Tokens.Where(t => t.IsTag).SelectMany(t => InstanceVariables(file.Text, t.Code)).Distinct().ToList(),
        });
        var result = options switch
        {
            JinjaOptions => TemplateOracle.JinjaRender(job),
            ErbOptions { Scanner: ErbScanner.Erubis } => TemplateOracle.Erb("render-erubis", job),
            _ => TemplateOracle.Erb("render-erb", job),
        };

        var extends = doc.Tokens.Any(t => t.Keyword == "extends");
        var renderings = result.GetProperty("renderings").EnumerateArray().ToList();
        Assert.Equal(sets.Count, renderings.Count);

        // The flip sets reach every line outside macros and captures: none is checked only for never being rendered.
        foreach (var (line, offset) in lines.Where(l => !extends && doc.BranchesAt(l.Offset).All(b => probes.Single(p => p.Branch == b).Unconditional)))
        {
            Assert.True(renderings.Any(r => r.TryGetProperty("L" + line, out _)), $"{path}:{line} is rendered under no flip set");
        }
        for (var r = 0; r < renderings.Count; r++)
        {
            var seen = renderings[r];
            bool Rendered(string marker) => seen.TryGetProperty(marker, out _);
            bool Taken(Probe p) => Rendered("P" + p.Id);
            var flipsHere = sets[r];
            string Where(int offset) => $"{path}:{file.GetPosition(offset)} with flips [{string.Join(",", flipsHere.Select(f => f ? 1 : 0))}]";

            foreach (var (line, offset) in lines)
            {
                var chain = doc.BranchesAt(offset).Select(b => probes.Single(p => p.Branch == b)).Where(p => p.Observable).ToList();
                var shown = Rendered("L" + line);
                if (shown)
                {
                    Assert.True(chain.All(Taken), $"line {line} is rendered though a branch mtalint puts it in is not: {Where(offset)}");
                }
                else if (!extends && chain.All(p => p.Unconditional))
                {
                    Assert.False(chain.All(Taken), $"line {line} is not rendered though every branch mtalint puts it in is: {Where(offset)}");
                }
            }

            foreach (var block in probes.Where(p => p.Branch == p.Block.Branches[0] && p.Flip is not null && p.Unconditional && p.Observable && (p.Parent?.Observable ?? true) && !extends))
            {
                var branches = probes.Where(p => p.Block == block.Block).ToList();
                var parentTaken = block.Parent is null || Taken(block.Parent);
                if (block.Block.Kind == TemplateBlockKind.Loop)
                {
                    var hasItems = flipsHere[block.Flip!.Value];
                    Assert.True(Taken(block) == (parentTaken && hasItems), $"the loop body renders {(Taken(block) ? "" : "not ")}as the items say: {Where(block.Branch.Tag.Span.Start)}");
                    if (branches.Count > 1)
                    {
                        Assert.True(Taken(branches[1]) == (parentTaken && !hasItems), $"the loop's else renders as the items say: {Where(branches[1].Branch.Tag.Span.Start)}");
                    }

                    continue;
                }

                // The branch taken is the first whose condition holds (an unless's when it does not), else the else branch.
                var expected = branches.FirstOrDefault(p => p.Flip is { } f ? flipsHere[f] != p.Branch.Negated : p.Branch.Keyword == "else");
                foreach (var branch in branches.Where(b => b.Flip is not null || b.Branch.Keyword == "else"))
                {
                    Assert.True(Taken(branch) == (parentTaken && branch == expected), $"branch '{branch.Branch.Keyword} {branch.Branch.Condition}' renders {(Taken(branch) ? "" : "not ")}against its condition: {Where(branch.Branch.Tag.Span.Start)}");
                }
            }
        }
    }

    /// <summary>
    /// All on, all off, each one flipped from all on, and for every branch the flips that lead to it: the conditions
    /// on its way up true (earlier branches of each block false), its loops with items.
    /// </summary>
    private static List<bool[]> FlipSets(int count, List<Probe> probes)
    {
        var sets = new List<bool[]> { Enumerable.Repeat(true, count).ToArray(), new bool[count] };
        for (var k = 0; k < count; k++)
        {
            var on = Enumerable.Repeat(true, count).ToArray();
            on[k] = false;
            sets.Add(on);
        }

        foreach (var probe in probes)
        {
            var set = new bool[count];
            for (var p = probe; p is not null; p = p.Parent)
            {
                if (p.Flip is { } f)
                {
                    set[f] = !p.Branch.Negated;
                }
                else if (p.Block.Kind == TemplateBlockKind.Loop && p.Block.Branches[0] != p.Branch && probes.Single(q => q.Branch == p.Block.Branches[0]).Flip is { } loop)
                {
                    set[loop] = false; // a loop's else: no items
                }
            }

            sets.Add(set);
        }

        return sets;
    }

    private static IEnumerable<string> InstanceVariables(string text, TextSpan code)
    {
        for (var i = code.Start; i < code.End - 1; i++)
        {
            if (text[i] == '@' && (char.IsLetter(text[i + 1]) || text[i + 1] == '_') && (i == code.Start || !char.IsLetterOrDigit(text[i - 1])))
            {
                var j = i + 1;
                while (j < code.End && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }

                yield return text[i..j];
            }
        }
    }
}
