using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules.Smtp;

/// <summary>
/// MTA303: anyone on the internet may relay mail through a listener. No fix: who may relay is a
/// decision about the network, and a wrong guess bounces legitimate mail.
/// </summary>
internal sealed class Mta303OpenRelay : IRule
{
    public string Id => "MTA303";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var reported = new HashSet<(string?, TextSpan?, string)>();
        var open = config.Services.Where(s => !s.LocalOnly).ToArray();
        foreach (var finding in open.SelectMany(s => Opened(config, s.Relay)))
        {
            if (reported.Add((finding.File.Path, finding.Location?.Span, finding.Message)))
            {
                yield return finding;
            }
        }

        var unrestricted = open.Where(s => !s.Relay.RestrictsUnauthorizedDestinations);
        foreach (var group in SettingFindings.BySetting(unrestricted, s => s.Relay.RestrictionSetting))
        {
            var setting = group.First().Relay.RestrictionSetting;
            var where = setting is not null ? $"; refuse it in {setting.Name}" : string.Empty;
            yield return SettingFindings.At(config, setting,
                $"nothing refuses mail for other domains from untrusted clients on {SettingFindings.Names(group)} (an open relay): it will be abused for spam and blocklisted within hours{where}",
                null, setting is not null ? [SettingFindings.Describe(setting)] : []);
        }
    }

    private static IEnumerable<Finding> Opened(MtaConfig config, RelayPolicy relay)
    {
        if (relay.PromiscuousBy is { } promiscuous)
        {
            yield return SettingFindings.At(config, promiscuous,
                $"{promiscuous.Name} lets anyone relay mail through this server (an open relay): it will be abused for spam and blocklisted within hours; remove it and list the networks that may relay",
                null);
        }

        foreach (var network in relay.TrustedNetworks.Where(n => n.Everyone))
        {
            yield return SettingFindings.At(config, network.Span,
                $"\"{network.Text}\" trusts every client on the internet to relay (an open relay): it will be abused for spam and blocklisted within hours; trust only your own networks",
                null);
        }
    }
}
