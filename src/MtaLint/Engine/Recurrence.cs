using MtaLint.Model;
using MtaLint.Rules;

namespace MtaLint.Engine;

/// <summary>
/// Whether a rule finds a finding again, at the same place, in a projection of a template's config
/// (<see cref="MtaConfig.TemplateProjection"/>). Each rule is run once per projection, not once per finding: a rule
/// with a finding on every line of a large template would otherwise run once per line.
/// </summary>
internal sealed class Recurrence
{
    private readonly Dictionary<MtaConfig, Dictionary<IRule, Places>> _found = new(ReferenceEqualityComparer.Instance);

    public bool Recurs(IRule rule, Finding found, MtaConfig? projected)
    {
        if (projected is null)
        {
            return false;
        }

        if (!_found.TryGetValue(projected, out var byRule))
        {
            byRule = new Dictionary<IRule, Places>(ReferenceEqualityComparer.Instance);
            _found[projected] = byRule;
        }

        if (!byRule.TryGetValue(rule, out var places))
        {
            places = Places.Of(rule.Check(projected));
            byRule[rule] = places;
        }

        return found.Location is { } at ? places.Starts.Contains((at.File.Path, at.Span.Start)) : places.WholeFile;
    }

    /// <summary>Where a rule's findings start, and whether one is on the whole config.</summary>
    private sealed record Places(HashSet<(string Path, int Start)> Starts, bool WholeFile)
    {
        public static Places Of(IEnumerable<Finding> findings)
        {
            var starts = new HashSet<(string, int)>();
            var wholeFile = false;
            foreach (var f in findings)
            {
                if (f.Location is { } at)
                {
                    starts.Add((at.File.Path, at.Span.Start));
                }
                else
                {
                    wholeFile = true;
                }
            }

            return new Places(starts, wholeFile);
        }
    }
}
