using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Rules.Settings;

namespace MtaLint.Tests.Rules;

public sealed class SettingRuleTests
{
    private static readonly string[] Known = ["smtpd_tls_security_level", "smtp_tls_security_level", "disable_vrfy_command", "smtpd_banner", "myhostname", "mydomain", "mail_name"];

    private static TestModel Model(string text)
    {
        var model = new TestModel(text).WithAssignments(n => Known.Contains(n));
        model.KnownSettingNames.AddRange(Known);
        return model;
    }

    [Fact]
    public void Unknown_settings_suggest_the_closest_name_and_rename_unsafely()
    {
        var model = Model("smtpd_tls_securty_level = may\ndisable_vrfy_comamnd = yes\nmy_note = x\nsmtp_tls_securityy_level = may\nsmtp_tls_security_level = may\n");
        var findings = model.Check(new Mta304UnknownSetting());
        Assert.Equal(4, findings.Count);
        Assert.EndsWith("; did you mean smtpd_tls_security_level?", findings[0].Message);
        Assert.Equal("smtpd_tls_securty_level", findings[0].Location!.Text);
        Assert.Equal(FixSafety.Unsafe, findings[0].Fix!.Safety);
        Assert.StartsWith("smtpd_tls_security_level = may\n", TestModel.Apply(findings[0].Fix!));
        Assert.Contains("did you mean disable_vrfy_command?", findings[1].Message);
        Assert.DoesNotContain("did you mean", findings[2].Message);
        Assert.Null(findings[2].Fix);
        // The right name is set already: renaming would make a duplicate.
        Assert.Contains("did you mean smtp_tls_security_level?", findings[3].Message);
        Assert.Null(findings[3].Fix);
    }

    [Theory]
    [InlineData("smtpd_tls_security_level", "smtpd_tls_securty_level", 1)]
    [InlineData("disable_vrfy_command", "disable_vrfy_comamnd", 1)]
    [InlineData("abc", "ABC", 0)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_edits_and_swaps(string a, string b, int expected) => Assert.Equal(expected, BruteForceSuggestions.Distance(a, b));

    [Fact]
    public void Short_names_get_only_close_suggestions() =>
        Assert.Empty(new NameSuggestions(["wxyz", "abxy"]).For("abcd"));

    [Fact]
    public void Earlier_assignments_are_dead_and_deleted_with_their_line()
    {
        var model = Model("disable_vrfy_command = no\nsmtpd_banner = $myhostname ESMTP\ndisable_vrfy_command = maybe\ndisable_vrfy_command = yes\n");
        var findings = model.Check(new Mta305DuplicateSetting());
        Assert.Equal(2, findings.Count);
        Assert.Equal(1, findings[0].Location!.Start.Line);
        Assert.Equal(FixSafety.Safe, findings[0].Fix!.Safety);
        var text = MtaLint.Fixes.Fixer.Apply([model.File], findings.SelectMany(f => f.Fix!.Edits)).Single().Text;
        Assert.Equal("smtpd_banner = $myhostname ESMTP\ndisable_vrfy_command = yes\n", text);
    }

    [Fact]
    public void Interleaved_duplicates_are_reported_by_name_in_order_of_first_assignment_each_in_file_order()
    {
        var model = Model("mydomain = 1\nsmtpd_banner = 1\nmydomain = 2\nmail_name = 1\nsmtpd_banner = 2\nmydomain = 3\nmyhostname = 1\nsmtpd_banner = 3\n");
        var other = model.Assignments[1] with { Scope = "master.cf submission/inet" };
        model.Assignments.Insert(0, other);
        model.Assignments.Add(other);
        var findings = model.Check(new Mta305DuplicateSetting());
        // What grouping all assignments by scope and name gives: groups in order of first appearance, members in order.
        var expected = model.Assignments.GroupBy(a => (a.Scope, a.Name)).Where(g => g.Count() > 1).SelectMany(g => g.SkipLast(1)).ToList();
        Assert.Equal(5, findings.Count);
        Assert.Equal(expected.Select(a => (a.Scope, a.Name, a.NameSpan.Start.Line)),
            findings.Select((f, i) => (expected[i].Scope, f.Message.Split(' ')[0], f.Location!.Start.Line)));
        Assert.Equal([2, 1, 3, 2, 5], findings.Select(f => f.Location!.Start.Line));
    }

    [Fact]
    public void Same_name_in_different_scopes_is_not_a_duplicate()
    {
        var model = Model("smtpd_banner = a\n");
        var first = model.Assignments[0];
        model.Assignments.Add(first with { Scope = "master.cf submission/inet" });
        Assert.Empty(model.Check(new Mta305DuplicateSetting()));
    }

    [Fact]
    public void Undefined_references_are_reported_with_suggestions()
    {
        var model = Model("mydestination = $myhostname, localhost.$mydomian\n");
        var at = model.File.Text.IndexOf("$mydomian", StringComparison.Ordinal);
        model.References.Add(new ValueReference("mydomian", model.File.Span(at, 9), false, "mydestination"));
        model.References.Add(new ValueReference("myhostname", model.File.Span(15, 11), true, "mydestination"));
        var f = Assert.Single(model.Check(new Mta306UndefinedReference()));
        Assert.Equal("$mydomian", f.Location!.Text);
        Assert.EndsWith("; did you mean mydomain?", f.Message);
        Assert.Null(f.Fix);
    }
}
