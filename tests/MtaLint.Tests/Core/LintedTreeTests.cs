using MtaLint.Reporting;
using MtaLint.Tests.Cli;
using MtaLint.Workspace;

namespace MtaLint.Tests.Core;

/// <summary>What a report may quote: the folders and files named, judged by where files really are.</summary>
public sealed class LintedTreeTests
{
    [Fact]
    public void A_named_folder_holds_what_lies_below_it_and_nothing_beside_it()
    {
        using var dir = new TempDir();
        dir.Write("repo/sub/a.conf", "x");
        dir.Write("repository/b.conf", "x");
        dir.Write("outside.conf", "x");
        var tree = LintedTree.Of([dir.File("repo")]);
        Assert.True(tree.Contains(dir.File("repo/sub/a.conf")));
        Assert.False(tree.Contains(dir.File("repository/b.conf"))); // a prefix of the name is not the folder
        Assert.False(tree.Contains(dir.File("outside.conf")));
        Assert.False(tree.Contains(dir.File("repo/../outside.conf")));
        Assert.False(tree.Contains(dir.File("repo/missing.conf")));
    }

    [Fact]
    public void A_symlink_in_the_tree_leads_where_it_points()
    {
        using var dir = new TempDir();
        dir.Write("secret/key.pem", "x");
        dir.Write("repo/main.cf", "x");
        File.CreateSymbolicLink(dir.File("repo/key.conf"), dir.File("secret/key.pem"));
        Directory.CreateSymbolicLink(dir.File("repo/etc"), dir.File("secret"));
        var tree = LintedTree.Of([dir.File("repo")]);
        Assert.False(tree.Contains(dir.File("repo/key.conf")));
        Assert.False(tree.Contains(dir.File("repo/etc/key.pem"))); // a folder on the way is a link too

        // --follow-symlinks: the user trusts the links in the tree.
        var trusting = LintedTree.Of([dir.File("repo")], trustLinks: true);
        Assert.True(trusting.Contains(dir.File("repo/key.conf")));
        Assert.False(trusting.Contains(dir.File("secret/key.pem")));
    }

    [Fact]
    public void A_named_file_is_in_the_tree_with_its_folder_wherever_it_leads()
    {
        using var dir = new TempDir();
        dir.Write("secret/real.conf", "x");
        dir.Write("etc/beside.conf", "x");
        File.CreateSymbolicLink(dir.File("etc/exim4.conf"), dir.File("secret/real.conf"));
        var tree = LintedTree.Of([dir.File("etc/exim4.conf")]);
        Assert.True(tree.Contains(dir.File("etc/exim4.conf")));
        Assert.True(tree.Contains(dir.File("etc/beside.conf")));
        Assert.False(tree.Contains(dir.File("secret/other.conf")));
    }

    [Fact]
    public void Roots_given_beside_the_paths_count_too()
    {
        using var dir = new TempDir();
        dir.Write("repo/etc/exim4/passwd.client", "x");
        var tree = LintedTree.Of([dir.File("elsewhere.conf")], roots: [dir.File("repo")]);
        Assert.True(tree.Contains(dir.File("repo/etc/exim4/passwd.client")));
    }
}

public sealed class OutsideTextMaskTests
{
    [Fact]
    public void What_repeats_an_outside_file_is_masked_and_blanks_around_it_kept()
    {
        var mask = new OutsideTextMask(["DB_PASSWORD = hunter2xyz\n"]);
        Assert.Equal("clients see: 220 [withheld]", mask.Apply("clients see: 220 hunter2xyz"));
        Assert.Equal("the banner begins with \"[withheld]\", not the host name", mask.Apply("the banner begins with \"hunter2xyz\", not the host name"));
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP", mask.Apply("smtp_banner = $smtp_active_hostname ESMTP"));
    }

    [Fact]
    public void What_mtalint_itself_writes_is_not_taken_for_the_outside_file()
    {
        // An outside file may hold words of the rule docs; the report's own wording stays.
        var mask = new OutsideTextMask(["# the banner names the operating system and the software version\n"]);
        var message = "the banner names the operating system (\"Debian\"): it tells attackers which platform exploits to try";
        Assert.Same(message, mask.Apply(message));
    }

    [Fact]
    public void Runs_are_judged_across_strings_and_calls()
    {
        var mask = new OutsideTextMask(["token=ghp_abcdef123456"]);
        mask.Prepare(["one ghp_abcdef123456", "two"]);

        // The whole token goes, also its tail "3456", which the rule docs hold (a phone number).
        Assert.Equal("one [withheld]", mask.Apply("one ghp_abcdef123456"));
        Assert.True(mask.Leaks("prefix-ghp_abcdef123456-suffix"));
        Assert.False(mask.Leaks("nothing of it"));
    }
}
