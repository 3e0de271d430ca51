using MtaLint.Model;
using MtaLint.Rules.Smtp;

namespace MtaLint.Tests.Rules;

public sealed class SmtpRuleTests
{
    [Fact]
    public void Vrfy_answered_is_turned_off_once_per_setting()
    {
        var model = new TestModel("disable_vrfy_command = no\n");
        var setting = model.Setting("disable_vrfy_command");
        var policy = new CommandPolicy { Enabled = true, Setting = setting, DisableEdit = setting.SetTo("yes"), DisableDescription = "disable_vrfy_command = yes" };
        model.Service().With(s => s.Vrfy = policy).Add();
        model.Service().With(s => (s.Name, s.Port, s.Vrfy) = ("submission", 587, policy)).Add();
        model.Service().With(s => (s.Name, s.Port, s.LocalOnly, s.Vrfy) = ("local", 10025, true, policy)).Add();
        var f = Assert.Single(model.Check(new Mta301VrfyEnabled()));
        Assert.Contains(" port 25 (smtp), port 587 (submission):", f.Message); // the listeners that answer, the loopback one not
        Assert.Equal("disable_vrfy_command = no", f.Location!.Text);
        Assert.Equal("disable_vrfy_command = yes\n", TestModel.Apply(f.Fix!));
    }

    [Fact]
    public void Expn_answered_without_a_way_to_fix_it_is_reported_without_a_fix()
    {
        var model = new TestModel("acl_smtp_expn = accept\n", mta: MtaKind.Exim);
        model.Service().With(s => s.Expn = new CommandPolicy { Enabled = true, Setting = model.Setting("acl_smtp_expn") }).Add();
        var f = Assert.Single(model.Check(new Mta302ExpnEnabled()));
        Assert.Equal("acl_smtp_expn = accept", f.Location!.Text);
        Assert.Null(f.Fix);

        var off = new TestModel("x = y\n");
        off.Service().Add();
        Assert.Empty(off.Check(new Mta302ExpnEnabled()));
        Assert.Empty(off.Check(new Mta301VrfyEnabled()));
    }

    [Fact]
    public void Open_relay_by_network_by_missing_restriction_and_by_feature()
    {
        var model = new TestModel("mynetworks = 0.0.0.0/0\nFEATURE = promiscuous_relay\n");
        var everyone = model.File.Span(13, 9);
        model.Service().With(s => s.Relay = new RelayPolicy
        {
            TrustedNetworks = [new TrustedNetwork("0.0.0.0/0", true, everyone), new TrustedNetwork("127.0.0.0/8", false, null)],
            RestrictsUnauthorizedDestinations = false,
            RestrictionSetting = model.Setting("smtpd_relay_restrictions"),
            PromiscuousBy = model.Setting("FEATURE"),
        }).Add();
        model.Service().With(s => (s.Name, s.Port, s.Relay) = ("submission", 587, model.Services[0].Relay)).Add();
        var findings = model.Check(new MtaLint.Rules.Smtp.Mta303OpenRelay());
        Assert.Equal(3, findings.Count); // each once, though both listeners share them
        Assert.Equal(["0.0.0.0/0", "FEATURE = promiscuous_relay"], findings.Where(f => f.Location is not null).Select(f => f.Location!.Text).Order(StringComparer.Ordinal));
        var unrestricted = Assert.Single(findings, f => f.Location is null); // no relay restriction: a finding about an absent setting
        Assert.Contains(" port 25 (smtp), port 587 (submission) ", unrestricted.Message); // the listeners that relay
        Assert.All(findings, f => Assert.Null(f.Fix));
    }

    [Fact]
    public void Closed_relays_and_loopback_listeners_are_fine()
    {
        var model = new TestModel("mynetworks = 0.0.0.0/0\n");
        model.Service().Add();
        model.Service().With(s => (s.LocalOnly, s.Relay) = (true, new RelayPolicy { TrustedNetworks = [new TrustedNetwork("0.0.0.0/0", true, null)], RestrictsUnauthorizedDestinations = false })).Add();
        Assert.Empty(model.Check(new MtaLint.Rules.Smtp.Mta303OpenRelay()));
    }
}
