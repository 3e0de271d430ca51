using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>
/// MTA307: a program of the MTA exits at start-up over the config, so what it serves stops. The model
/// knows the MTA's start-up checks (<see cref="MtaConfig.StartupFailures"/>); this rule reports them at
/// the setting responsible. No fix: only the admin knows which value was meant.
/// </summary>
internal sealed class Mta307ConfigRefused : IRule
{
    public string Id => "MTA307";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var failure in config.StartupFailures)
        {
            yield return SettingFindings.At(config, failure.At,
                $"{failure.Program} exits at start-up, so {failure.Consequence}: \"{failure.Message}\"",
                null, failure.Remedy);
        }
    }
}
