using MtaLint.Model;

namespace MtaLint.Rules.Smtp;

/// <summary>A rule that objects to an SMTP command being answered on listeners strangers reach.</summary>
internal abstract class CommandRule : IRule
{
    public abstract string Id { get; }

    protected abstract string Command { get; }

    protected abstract string Why { get; }

    protected abstract CommandPolicy PolicyOf(Service service);

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var answering = config.Services.Where(s => !s.LocalOnly && PolicyOf(s).Enabled);
        foreach (var group in SettingFindings.BySetting(answering, s => PolicyOf(s).Setting))
        {
            var policy = PolicyOf(group.First());
            // Turning the command off loses nothing mail delivery needs: RFC 5321 lets servers refuse it.
            var fix = SettingFindings.Combine(group.Select(s => PolicyOf(s) is { DisableEdit: { } edit } p && SettingFindings.CanFix(config)
                ? Fix.Safe(p.DisableDescription ?? $"turn {Command} off", edit)
                : null));
            yield return SettingFindings.At(config, policy.Setting,
                $"{Command} is answered on {SettingFindings.Names(group)}: {Why}; turn it off",
                fix, SettingFindings.Describe(policy.Setting));
        }
    }
}
