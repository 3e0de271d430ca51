using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>MTA305: a setting assigned twice in one scope; the earlier assignment has no effect.</summary>
internal sealed class Mta305DuplicateSetting : IRule
{
    public string Id => "MTA305";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        // Assignments that add up (Exim's headers_add and the like) each add to the others: none is dead.
        var replacing = config.Assignments.Where(a => !a.Accumulates);
        foreach (var group in replacing.GroupBy(a => (a.Scope, a.Name)).Where(g => g.Count() > 1))
        {
            var assignments = group.ToArray();
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
}
