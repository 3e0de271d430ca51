using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>MTA306: a reference such as <c>$name</c> to a setting that is defined nowhere, which expands to nothing.</summary>
internal sealed class Mta306UndefinedReference : IRule
{
    public string Id => "MTA306";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        NameSuggestions? names = null; // built at the first undefined reference: most configs have none
        foreach (var reference in config.References.Where(r => !r.IsDefined))
        {
            names ??= new NameSuggestions(AssignedToo(config));
            var suggestions = names.For(reference.Name);
            var hint = suggestions.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", suggestions)}?";
            yield return Finding.At(reference.Span,
                $"{reference.Name} is not defined anywhere, so {reference.InSetting} gets an empty string where it is used{hint}");
        }
    }

    /// <summary>The known names and every name assigned (a reference may mean one Postfix does not know), each once.</summary>
    private static SettingNames AssignedToo(MtaConfig config)
    {
        var known = config.KnownSettingNames;
        var own = new HashSet<string>(known.Own, StringComparer.Ordinal);
        foreach (var assignment in config.Assignments)
        {
            if (known.BuiltIn?.Contains(assignment.Name) != true)
            {
                own.Add(assignment.Name);
            }
        }

        return new SettingNames(known.BuiltIn, own);
    }
}
