using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>
/// MTA304: a setting name the MTA does not know — usually a typo, which Postfix ignores with
/// only a log warning, so the intended setting silently does not apply.
/// </summary>
internal sealed class Mta304UnknownSetting : IRule
{
    public string Id => "MTA304";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var assigned = config.Assignments.Select(a => (a.Scope, a.Name)).ToHashSet();
        NameSuggestions? known = null; // built at the first unknown name: most configs have none
        foreach (var assignment in config.Assignments.Where(a => !a.IsKnown))
        {
            known ??= new NameSuggestions(config.KnownSettingNames);
            var suggestions = known.For(assignment.Name);
            var hint = suggestions.Count switch
            {
                0 => string.Empty,
                1 => $"; did you mean {suggestions[0]}?",
                _ => $"; did you mean one of {string.Join(", ", suggestions)}?",
            };
            Fix? fix = null;
            string? renameProblem = null;
            // Renaming turns on a setting that has been off all along, so it is a change in behaviour: unsafe.
            // Not when the right name is set already in the same scope (the rename would make a duplicate),
            // nor when the name's text is not the bare name (an Exim "no_" prefix), nor when the MTA
            // could not read the value under the new name: the rename would turn a harmless typo into a config that fails.
            if (suggestions.Count == 1 && SettingFindings.CanFix(config)
                && assignment.NameSpan.Text == assignment.Name
                && !assigned.Contains((assignment.Scope, suggestions[0]))
                && (renameProblem = config.RenameProblem(assignment, suggestions[0])) is null)
            {
                fix = Fix.Unsafe($"rename to {suggestions[0]}", TextEdit.Replace(assignment.NameSpan, suggestions[0]));
            }

            var unusable = (renameProblem ?? (suggestions.Count > 0 ? assignment.ValueError : null)) is { } error
                ? $" (not renamed: its value would then be read and fail: {error})"
                : string.Empty;
            yield return Finding.At(assignment.NameSpan,
                $"unknown setting {assignment.Name}: {config.UnknownSettingConsequence}{hint}{unusable}",
                fix);
        }
    }
}
