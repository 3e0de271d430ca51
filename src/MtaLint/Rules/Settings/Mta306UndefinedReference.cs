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
            // A reference may mean a name the file assigns that the MTA does not know: those are candidates too.
            names ??= new NameSuggestions(config.KnownSettingNames.With(config.Assignments.Select(a => a.Name)));
            var suggestions = names.For(reference.Name);
            var hint = suggestions.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", suggestions)}?";
            yield return Finding.At(reference.Span,
                $"{reference.Name} is not defined anywhere, so {reference.InSetting} gets an empty string where it is used{hint}");
        }
    }
}
