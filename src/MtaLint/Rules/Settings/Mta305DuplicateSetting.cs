using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>MTA305: a setting assigned twice in one scope; the earlier assignment has no effect unless it was read before it was replaced.</summary>
internal sealed class Mta305DuplicateSetting : IRule
{
    public string Id => "MTA305";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        // Assignments that add up (Exim's headers_add and the like) each add to the others: none is dead.
        var replacing = config.Assignments.Where(a => !a.Accumulates);
        // Counted before grouped: most names are set once, and a group for each would be made for nothing.
        var counts = new Dictionary<(string Scope, string Name), int>(config.Assignments.Count);
        foreach (var a in replacing)
        {
            counts[(a.Scope, a.Name)] = counts.GetValueOrDefault((a.Scope, a.Name)) + 1;
        }

        foreach (var group in replacing.Where(a => counts[(a.Scope, a.Name)] > 1).GroupBy(a => (a.Scope, a.Name)))
        {
            var assignments = group.ToArray();
            if (config.Template is { } template)
            {
                foreach (var finding in InTemplate(config, template, assignments))
                {
                    yield return finding;
                }

                continue;
            }

            var lastAt = LineOf(assignments[^1], assignments[0]);
            // Whether one between this assignment and the last is read before it is replaced: counted from the end
            // once, as a name set thousands of times would make asking each assignment about the rest quadratic.
            var readAfter = new bool[assignments.Length];
            for (var i = assignments.Length - 3; i >= 0; i--)
            {
                readAfter[i] = readAfter[i + 1] || assignments[i + 1].ReadBeforeReplaced;
            }

            // One read before the next assignment replaced it (a Sendmail FEATURE between two defines) has an effect.
            for (var i = 0; i < assignments.Length - 1; i++)
            {
                var dead = assignments[i];
                if (dead.ReadBeforeReplaced)
                {
                    continue;
                }

                // Deleting it changes nothing the MTA does: safe. Where a later one is read before the last wins,
                // what makes this one dead is the next, which replaces it before anything reads it.
                var readLater = readAfter[i];
                var nextAt = LineOf(assignments[i + 1], dead);
                var fix = !SettingFindings.CanFix(config) ? null
                    : Fix.Safe(readLater ? $"delete this assignment (the one on {nextAt} replaces it)" : $"delete this assignment (the one on {lastAt} wins)", TextEdit.Delete(dead.WholeSpan));
                yield return Finding.At(dead.NameSpan,
                    readLater
                        ? $"{dead.Name} is set again on {nextAt} before anything reads it: this assignment has no effect; delete it"
                        : $"{dead.Name} is set again on {lastAt}, which wins: this assignment has no effect; delete it",
                    fix);
            }
        }
    }

    private static string LineOf(SettingAssignment assignment, SettingAssignment from) =>
        assignment.NameSpan.File == from.NameSpan.File ? $"line {assignment.NameSpan.Start.Line}" : $"{assignment.NameSpan.File.Path}:{assignment.NameSpan.Start.Line}";

    /// <summary>
    /// In a template an assignment is dead only where a later one renders whenever it does: one in another branch
    /// of the same condition, or under a condition of its own, overrides it in some renderings only.
    /// </summary>
    private static IEnumerable<Finding> InTemplate(MtaConfig config, TemplateFacts template, SettingAssignment[] assignments)
    {
        foreach (var (dead, winner) in Winners(template, assignments))
        {
            var at = winner.NameSpan.File == dead.NameSpan.File ? $"line {winner.NameSpan.Start.Line}" : $"{winner.NameSpan.File.Path}:{winner.NameSpan.Start.Line}";
            var fix = SettingFindings.CanFix(config) ? Fix.Safe($"delete this assignment (the one on {at} wins)", TextEdit.Delete(dead.WholeSpan)) : null;
            yield return Finding.At(dead.NameSpan, $"{dead.Name} is set again on {at}, which wins: this assignment has no effect; delete it", fix);
        }
    }

    /// <summary>
    /// Each assignment with the last later one that renders whenever it does, in order. Blocks nest, so the blocks that
    /// hold a line are the chain of parents of the innermost one: a later assignment renders whenever this one does when
    /// its innermost block (or none) is in this one's chain. Counted from the end once, keeping the last assignment seen
    /// in each block: asking each assignment about every later one is quadratic in a name set thousands of times.
    /// </summary>
    private static IEnumerable<(SettingAssignment Dead, SettingAssignment Winner)> Winners(TemplateFacts template, SettingAssignment[] assignments)
    {
        var winners = new int[assignments.Length];
        var lastIn = new Dictionary<(string Path, int Block, int Branch), int>();
        var lastUnconditional = -1;
        for (var i = assignments.Length - 1; i >= 0; i--)
        {
            var chain = template.RegionsAt(assignments[i].WholeSpan);
            var winner = lastUnconditional;
            foreach (var region in chain)
            {
                winner = Math.Max(winner, lastIn.GetValueOrDefault(Key(region), -1));
            }

            winners[i] = winner;
            if (chain.Count == 0)
            {
                lastUnconditional = lastUnconditional < 0 ? i : lastUnconditional;
            }
            else
            {
                lastIn.TryAdd(Key(chain[^1]), i);
            }
        }

        for (var i = 0; i < assignments.Length - 1; i++)
        {
            if (winners[i] > i)
            {
                yield return (assignments[i], assignments[winners[i]]);
            }
        }
    }

    private static (string, int, int) Key(TemplateRegion region) => (region.Body.File.Path, region.Block, region.Branch);
}
