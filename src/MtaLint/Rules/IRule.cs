using MtaLint.Model;

namespace MtaLint.Rules;

/// <summary>
/// A check on the common model. A rule sees no dialect syntax; its metadata (name, severity,
/// fix safety, docs) lives in <c>rules/ID.md</c> and is read through <see cref="RuleCatalog"/>.
/// </summary>
public interface IRule
{
    string Id { get; }

    IEnumerable<Finding> Check(MtaConfig config);

    /// <summary>
    /// Whether what the rule reports of a value holds for the value's literal text whatever a template's expressions
    /// in it render as (a product name in a banner stays there); false: a value with an expression in it is not judged.
    /// </summary>
    bool JudgesLiteralParts => false;
}
