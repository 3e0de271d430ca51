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
}
