using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>MTA305: a setting assigned twice in one scope; the earlier assignment has no effect.</summary>
internal sealed class Mta305DuplicateSetting : IRule
{
    public string Id => "MTA305";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var assignments in Duplicated(config.Assignments))
        {
            var last = assignments[^1];
            var lastAt = last.NameSpan.File == assignments[0].NameSpan.File
                ? $"line {last.NameSpan.Start.Line}"
                : $"{last.NameSpan.File.Path}:{last.NameSpan.Start.Line}";
            foreach (var dead in assignments[..^1])
            {
                // The last assignment wins, so deleting an earlier one changes nothing the MTA does: safe.
                var fix = SettingFindings.CanFix(config) ? Fix.Safe($"delete this assignment (the one on {lastAt} wins)", TextEdit.Delete(dead.WholeSpan)) : null;
                yield return Finding.At(dead.NameSpan,
                    $"{dead.Name} is set again on {lastAt}, which wins: this assignment has no effect; delete it",
                    fix);
            }
        }
    }

    /// <summary>
    /// The assignments of each (scope, name) set more than once, in order, the groups in the order
    /// of their first assignment (what GroupBy gives). One table of the first and last assignment
    /// of each name and a chain through the others, instead of a group object per name: a
    /// 100,000-line main.cf has 100,000 names and few set twice.
    /// </summary>
    private static IEnumerable<SettingAssignment[]> Duplicated(IReadOnlyList<SettingAssignment> all)
    {
        var ends = new Dictionary<(string Scope, string Name), (int First, int Last, int Count)>(all.Count);
        int[]? next = null; // next[i]: the next assignment of i's scope and name, made at the first duplicate
        var firsts = new List<int>();
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Accumulates)
            {
                continue; // each one adds to the others: none is dead
            }

            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ends, (all[i].Scope, all[i].Name), out var exists);
            if (!exists)
            {
                entry = (i, i, 1);
                continue;
            }

            next ??= new int[all.Count];
            next[entry.Last] = i;
            if (entry.Count == 1)
            {
                firsts.Add(entry.First);
            }

            entry = (entry.First, i, entry.Count + 1);
        }

        firsts.Sort();
        foreach (var first in firsts)
        {
            var count = ends[(all[first].Scope, all[first].Name)].Count;
            var group = new SettingAssignment[count];
            var i = first;
            for (var n = 0; n < count; n++)
            {
                group[n] = all[i];
                if (n + 1 < count)
                {
                    i = next![i];
                }
            }

            yield return group;
        }
    }
}
