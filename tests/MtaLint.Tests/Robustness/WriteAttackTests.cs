using System.Text;
using MtaLint.Tests.Cli;
using MtaLint.Text;
using MtaLint.Workspace;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// The attacks of issue 14 on <c>--fix</c>, run for real: root runs the fix (the shipped native
/// executable in a real race, or the writer in-process with a pause where another user acts at a
/// chosen step), and <c>nobody</c> attacks through the folder it can write or read, reacting to
/// inotify events. Each test asserts on the victim files (owner, mode, content) that no harm was
/// done, and that the attacker did act: a race it never entered would prove nothing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WriteAttackTests(ITestOutputHelper output)
{
    /// <summary>Real-race tries per attack; the attacker must have acted in at least one.</summary>
    private const int Tries = 4;

    private const string Secret = "root:$6$not-a-real-hash-but-a-secret:19000:0:99999:7:::\n";

    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n";

    /// <summary>
    /// A config with the finding to fix and 2 MB of comments: writing and flushing the fixed copy
    /// takes milliseconds, the time an inotify watcher in a shell needs to act, as with a real
    /// config that holds long lookup tables or comments.
    /// </summary>
    private static readonly string Big = BadBanner + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# padding line {i:D6}: a long comment, as real configs have, so the write takes a while\n"));

    // --- the temporary file swapped for a symlink -------------------------------------------

    /// <summary>
    /// nobody waits for the temporary file in their folder, moves it away and puts a symlink to a
    /// root-only file in its place (the issue's /etc/shadow). The old writer then chmod-ed and
    /// chown-ed the victim by path, making it world-readable and nobody's.
    /// </summary>
    private static readonly string SwapTemp = Attacker("create", "$1", """
        my ($dir, $victim) = @ARGV; my (%seen, $n); $| = 1;
        while (my $name = <STDIN>) {
          chomp $name;
          next unless $name =~ /^\.main\.cf\.mtalint-.*\.tmp$/ && !$seen{$name}++;
          $n++;
          if (rename("$dir/$name", "$dir/stolen-$n") && symlink($victim, "$dir/$name")) { print "swapped $name\n" } else { print "missed $name: $!\n" }
        }
        """);

    [Fact]
    public void Real_race_a_temp_file_swapped_for_a_symlink_leaves_the_root_only_victim_alone()
    {
        OtherUser.RequireRootAndTools();
        var acted = 0;
        var harm = new List<string>();
        for (var i = 0; i < Tries; i++)
        {
            using var secrets = new TempDir();
            var victim = RootOnly(secrets, "shadow", Secret);
            using var dir = new TempDir();
            dir.Write("main.cf", Big);
            OtherUser.Own(dir.Path);

            CliRunner.Result run;
            using (var attacker = OtherUser.Watch(SwapTemp, dir.Path, victim))
            {
                run = Fix(dir.File("main.cf"));
                attacker.WaitForLines(1, TimeSpan.FromSeconds(5));
                if (attacker.Lines.Any(l => l.StartsWith("swapped", StringComparison.Ordinal)))
                {
                    acted++;
                    if (run.ExitCode != 2)
                    {
                        harm.Add($"try {i}: the swap went unnoticed (exit {run.ExitCode}): {run.Stderr}");
                    }
                }
            }

            harm.AddRange(Harmed(victim, "0:0 600 regular file", Secret).Select(h => $"try {i}: {h}"));
        }

        output.WriteLine($"temp-file swap, real race: attacker swapped in {acted} of {Tries} tries, harm in {harm.Count}");
        Assert.True(harm.Count == 0, $"harm done (attacker acted in {acted} of {Tries} tries):\n" + string.Join("\n", harm));
        Assert.True(acted > 0, $"the attacker never swapped the temporary file in {Tries} tries: the race proved nothing");
    }

    [Fact]
    public void A_temp_file_swapped_for_a_symlink_right_after_creation_is_detected_and_the_victim_untouched()
    {
        OtherUser.RequireRootAndTools();
        using var secrets = new TempDir();
        var victim = RootOnly(secrets, "shadow", Secret);
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        OtherUser.Own(dir.Path);
        var input = Read(path);
        (int Exit, string Stdout, string Stderr)? swap = null;

        var e = Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "smtpd_banner = $myhostname ESMTP\n"u8.ToArray(), input, step =>
        {
            if (step == WriteStep.TempCreated)
            {
                swap = OtherUser.Run("""cd "$1" && t=$(ls -A | grep '^\.main\.cf\.mtalint-.*\.tmp$') && mv -- "$t" stolen && ln -s -- "$2" "$t" && echo "$t" """, dir.Path, victim);
            }
        }));

        Assert.True(swap is { Exit: 0 }, $"nobody could not swap the temporary file: {swap?.Stderr}");
        Assert.Contains("moved or replaced by someone else", e.Message);
        Assert.Empty(Harmed(victim, "0:0 600 regular file", Secret));
        Assert.Equal(BadBanner, File.ReadAllText(path)); // main.cf itself is untouched, still a file
        Assert.Null(new FileInfo(path).LinkTarget);
        // The fixed copy nobody moved away got main.cf's owner and mode through its descriptor: nobody's own file, nothing more.
        Assert.Equal("65534:65534 644 regular file", Facts(dir.File("stolen")));
    }

    // --- the folder swapped for a symlink ------------------------------------------------------

    /// <summary>
    /// nobody's folder <c>conf</c>, which root lints, is renamed and replaced by a symlink to a
    /// root-only folder at the <c>$3</c>-th time root opens <c>conf/main.cf</c>. The old writer
    /// resolved the folder again as text after its last read and wrote the attacker's (fixed)
    /// config over the root-only <c>main.cf</c> there.
    /// </summary>
    private static readonly string SwapFolder = Attacker("open", "$1/conf", """
        my ($parent, $victim, $nth) = @ARGV; my $n = 0; $| = 1;
        while (my $name = <STDIN>) {
          chomp $name;
          next unless $name eq "main.cf" && ++$n == $nth;
          if (rename("$parent/conf", "$parent/conf.old") && symlink($victim, "$parent/conf")) { print "swapped\n" } else { print "failed: $!\n" }
        }
        """);

    /// <summary>How many times root opens <c>main.cf</c> before the write creates its temporary file: the last is the writer's own check.</summary>
    private const string CountOpens = """
        dir=$1
        exec 3< <(exec inotifywait -m -e open,create --format '%e %f' "$dir" 2>&1)
        while read -r line <&3; do [ "$line" = "Watches established." ] && break; done
        echo ready
        n=0
        while read -r event name <&3; do
          case "$event $name" in
            "OPEN main.cf") n=$((n+1)) ;;
            CREATE*) echo "$n"; n=0 ;;
          esac
        done
        """;

    [Theory]
    [InlineData("the writer's last check", 0)]
    [InlineData("the read", 1)]
    [InlineData("the first look at the file (discovery, before the read)", -1)]
    public void Real_race_a_folder_swapped_for_a_symlink_never_lets_root_write_into_the_other_folder(string when, int beforeLast)
    {
        OtherUser.RequireRootAndTools();
        var opens = OpensBeforeWrite();
        var acted = 0;
        var harm = new List<string>();
        for (var i = 0; i < Tries; i++)
        {
            using var secrets = new TempDir();
            const string Guarded = "smtpd_banner = $myhostname ESMTP\n# root's own config, which nobody may change\n";
            var victim = RootOnly(secrets, "main.cf", Guarded);
            File.SetUnixFileMode(secrets.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var parent = new TempDir();
            parent.Write("conf/main.cf", Big);
            OtherUser.Own(parent.Path);

            CliRunner.Result run;
            using (var attacker = OtherUser.Watch(SwapFolder, parent.Path, secrets.Path, (beforeLast < 0 ? 1 : opens - beforeLast).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                run = Fix(parent.File("conf/main.cf"));
                attacker.WaitForLines(1, TimeSpan.FromSeconds(2));
                if (attacker.Lines.Contains("swapped"))
                {
                    acted++;
                    var fixedThere = File.Exists(parent.File("conf.old/main.cf")) && !File.ReadAllText(parent.File("conf.old/main.cf")).StartsWith(BadBanner, StringComparison.Ordinal);
                    if (!(run.ExitCode == 2 || fixedThere))
                    {
                        harm.Add($"try {i}: exit {run.ExitCode} and the fix is not in the folder that was read: {run.Stderr}");
                    }
                }
            }

            harm.AddRange(Harmed(victim, "0:0 600 regular file", Guarded).Select(h => $"try {i}: {h}"));
            if (Directory.GetFileSystemEntries(secrets.Path).Length != 1)
            {
                harm.Add($"try {i}: files left in the root-only folder: {string.Join(", ", Directory.GetFileSystemEntries(secrets.Path))}");
            }
        }

        output.WriteLine($"folder swap at {when}, real race: attacker swapped in {acted} of {Tries} tries, harm in {harm.Count}");
        Assert.True(harm.Count == 0, $"harm done (attacker acted in {acted} of {Tries} tries):\n" + string.Join("\n", harm));
        Assert.True(acted > 0, $"the attacker never swapped the folder in {Tries} tries: the race proved nothing");
    }

    [Fact]
    public void A_folder_swapped_for_a_symlink_between_read_and_write_is_refused()
    {
        OtherUser.RequireRootAndTools();
        using var secrets = new TempDir();
        var victim = RootOnly(secrets, "main.cf", "smtpd_banner = $myhostname ESMTP\n");
        using var parent = new TempDir();
        var path = parent.Write("conf/main.cf", BadBanner);
        OtherUser.Own(parent.Path);
        var input = Read(path);

        var swap = OtherUser.Run("""mv -- "$1/conf" "$1/conf.old" && ln -s -- "$2" "$1/conf" """, parent.Path, secrets.Path);
        var e = Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "x = 1\n"u8.ToArray(), input));

        Assert.Equal(0, swap.Exit);
        Assert.Contains($"the folder {parent.File("conf")} was replaced (by a symlink or a file) since mtalint read the file", e.Message);
        Assert.Empty(Harmed(victim, "0:0 600 regular file", "smtpd_banner = $myhostname ESMTP\n"));
        Assert.Single(Directory.GetFileSystemEntries(secrets.Path));
        Assert.Equal(BadBanner, File.ReadAllText(parent.File("conf.old/main.cf")));
    }

    [Fact]
    public void A_folder_swapped_for_a_symlink_while_the_temp_file_is_written_changes_only_the_file_that_was_read()
    {
        OtherUser.RequireRootAndTools();
        using var secrets = new TempDir();
        var victim = RootOnly(secrets, "main.cf", "smtpd_banner = $myhostname ESMTP\n");
        using var parent = new TempDir();
        var path = parent.Write("conf/main.cf", BadBanner);
        OtherUser.Own(parent.Path);
        var input = Read(path);
        (int Exit, string Stdout, string Stderr)? swap = null;

        AtomicFileWriter.Replace(path, "smtpd_banner = $myhostname ESMTP\n"u8.ToArray(), input, step =>
        {
            if (step == WriteStep.TempCreated)
            {
                swap = OtherUser.Run("""mv -- "$1/conf" "$1/conf.old" && ln -s -- "$2" "$1/conf" """, parent.Path, secrets.Path);
            }
        });

        Assert.True(swap is { Exit: 0 }, swap?.Stderr);
        Assert.Empty(Harmed(victim, "0:0 600 regular file", "smtpd_banner = $myhostname ESMTP\n"));
        Assert.Single(Directory.GetFileSystemEntries(secrets.Path));
        // The write went where the folder descriptor points: the folder that was read, under its new name.
        Assert.Equal("smtpd_banner = $myhostname ESMTP\n", File.ReadAllText(parent.File("conf.old/main.cf")));
        Assert.Equal("65534:65534 644 regular file", Facts(parent.File("conf.old/main.cf")));
    }

    // --- reading the temporary file -------------------------------------------------------------

    /// <summary>
    /// nobody may read a root-owned folder of configs but not the 0600 <c>main.cf</c> in it. They
    /// open each temporary file the moment it appears and read it half a second later, through the
    /// descriptor they got (a later chmod does not take it back): the old writer created it 0644.
    /// </summary>
    private static readonly string ReadTemp = Attacker("create", "$1", """
        my ($dir, $loot) = @ARGV; my %seen; $| = 1; $SIG{CHLD} = "IGNORE";
        while (my $name = <STDIN>) {
          chomp $name;
          next unless $name =~ /^\.main\.cf\.mtalint-.*\.tmp$/ && !$seen{$name}++;
          if (open(my $in, "<", "$dir/$name")) {
            print "opened $name\n";
            if (fork() == 0) { select(undef, undef, undef, 0.5); local $/; my $text = <$in>; open(my $out, ">", "$loot/$name") or exit 1; print $out $text; exit 0 }
            close $in;
          } else { print "denied $name: $!\n" }
        }
        """);

    [Fact]
    public void Real_race_the_temp_file_of_a_0600_config_cannot_be_read_by_another_user()
    {
        OtherUser.RequireRootAndTools();
        var acted = 0;
        var harm = new List<string>();
        for (var i = 0; i < Tries; i++)
        {
            using var configs = new TempDir();
            var config = RootOnly(configs, "main.cf", Big + "# relay password: " + Secret);
            using var loot = new TempDir();
            OtherUser.Own(loot.Path);

            using (var attacker = OtherUser.Watch(ReadTemp, configs.Path, loot.Path))
            {
                var run = Fix(config);
                attacker.WaitForLines(1, TimeSpan.FromSeconds(5));
                Thread.Sleep(800); // a reader that got in finishes its cat
                acted += attacker.Lines.Count(l => l.StartsWith("opened", StringComparison.Ordinal) || l.StartsWith("denied", StringComparison.Ordinal));
                if (run.ExitCode == 2)
                {
                    harm.Add($"try {i}: the fix failed: {run.Stderr}");
                }
            }

            foreach (var stolen in Directory.GetFiles(loot.Path).Where(f => File.ReadAllText(f).Contains(Secret, StringComparison.Ordinal)))
            {
                harm.Add($"try {i}: nobody read the secret from {Path.GetFileName(stolen)}");
            }

            harm.AddRange(Harmed(config, "0:0 600 regular file", null).Select(h => $"try {i}: {h}"));
        }

        output.WriteLine($"reading the temp file, real race: attacker tried in {acted} of {Tries} tries, harm in {harm.Count}");
        Assert.True(harm.Count == 0, $"harm done (attacker tried {acted} times):\n" + string.Join("\n", harm));
        Assert.True(acted > 0, "the attacker never saw a temporary file: the race proved nothing");
    }

    [Theory]
    [InlineData("TempCreated")]
    [InlineData("TempWritten")]
    [InlineData("ReadyToRename")]
    public void The_temp_file_of_a_0600_config_is_not_readable_by_another_user_at_any_step(string at)
    {
        var step = Enum.Parse<WriteStep>(at);
        OtherUser.RequireRootAndTools();
        using var configs = new TempDir();
        var config = RootOnly(configs, "main.cf", BadBanner + "# relay password: " + Secret);
        var input = Read(config);
        (int Exit, string Stdout, string Stderr)? read = null;

        AtomicFileWriter.Replace(config, Encoding.UTF8.GetBytes("smtpd_banner = $myhostname ESMTP\n# relay password: " + Secret), input, s =>
        {
            if (s == step)
            {
                read = OtherUser.Run("""cd "$1" && t=$(ls -A | grep '^\.main\.cf\.mtalint-.*\.tmp$') && cat -- "$t" """, configs.Path);
            }
        });

        Assert.NotNull(read);
        Assert.NotEqual(0, read.Value.Exit);
        Assert.Contains("Permission denied", read.Value.Stderr);
        Assert.DoesNotContain("relay password", read.Value.Stdout);
        Assert.Equal("0:0 600 regular file", Facts(config));
    }

    // --- an edit made while --fix runs ----------------------------------------------------------

    /// <summary>nobody edits their own main.cf (appends a line, as an editor or a script would) the moment root's fix creates its temporary file.</summary>
    private static readonly string Append = Attacker("create", "$1", """
        my ($dir) = @ARGV; my %seen; $| = 1;
        while (my $name = <STDIN>) {
          chomp $name;
          next unless $name =~ /^\.main\.cf\.mtalint-.*\.tmp$/ && !$seen{$name}++;
          if (open(my $f, ">>", "$dir/main.cf")) { print $f "# added by the editor while mtalint ran\n"; close $f; print "appended $name\n" }
        }
        """);

    private const string Added = "# added by the editor while mtalint ran\n";

    [Fact]
    public void Real_race_an_edit_made_while_the_fix_runs_is_never_lost()
    {
        OtherUser.RequireRootAndTools();
        var acted = 0;
        var harm = new List<string>();
        for (var i = 0; i < Tries; i++)
        {
            using var dir = new TempDir();
            var path = dir.Write("main.cf", Big);
            OtherUser.Own(dir.Path);

            using (var attacker = OtherUser.Watch(Append, dir.Path))
            {
                var run = Fix(path);
                attacker.WaitForLines(1, TimeSpan.FromSeconds(5));
                if (attacker.Lines.Any(l => l.StartsWith("appended", StringComparison.Ordinal)))
                {
                    acted++;
                    var now = File.ReadAllText(path);
                    if (!now.EndsWith(Added, StringComparison.Ordinal))
                    {
                        harm.Add($"try {i}: the edit was lost (exit {run.ExitCode})");
                    }
                    else if (run.ExitCode == 2 && now != Big + Added)
                    {
                        harm.Add($"try {i}: refused, yet the file is not the edited original");
                    }
                }
            }
        }

        output.WriteLine($"editor appending during --fix, real race: the editor appended in {acted} of {Tries} tries, edits lost in {harm.Count}");
        Assert.True(harm.Count == 0, $"edits lost (editor acted in {acted} of {Tries} tries):\n" + string.Join("\n", harm));
        Assert.True(acted > 0, "the editor never appended during a fix: the race proved nothing");
    }

    [Theory]
    [InlineData("TempCreated")]
    [InlineData("TempWritten")]
    [InlineData("ReadyToRename")]
    public void An_edit_made_at_any_step_of_the_write_is_kept_and_the_fix_refused(string at)
    {
        var step = Enum.Parse<WriteStep>(at);
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        OtherUser.Own(dir.Path);
        var input = Read(path);
        (int Exit, string Stdout, string Stderr)? edit = null;

        var e = Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "smtpd_banner = $myhostname ESMTP\n"u8.ToArray(), input, s =>
        {
            if (s == step)
            {
                edit = OtherUser.Run("""printf '# added by the editor while mtalint ran\n' >> "$1" """, path);
            }
        }));

        Assert.True(edit is { Exit: 0 }, edit?.Stderr);
        Assert.Contains("changed on disk while mtalint wrote it", e.Message);
        Assert.Equal(BadBanner + Added, File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path)); // the temporary file is gone
    }

    // --- helpers --------------------------------------------------------------------------------

    /// <summary>
    /// An attacker as nobody runs it: <c>inotifywait</c> watches <paramref name="watched"/> for
    /// <paramref name="events"/> and prints each entry's name; once its watch is set the script
    /// says <c>ready</c> and hands the stream to <paramref name="perl"/>, which acts on each name
    /// with system calls of its own (rename, symlink, open) and no process started per event:
    /// about as fast as a shell attacker gets (perl-base is in every Debian).
    /// </summary>
    private static string Attacker(string events, string watched, string perl)
    {
        Assert.DoesNotContain("'", perl);
        return $"""
            exec 3< <(exec inotifywait -m -e {events} --format '%f' "{watched}" 2>&1)
            while read -r line <&3; do [ "$line" = "Watches established." ] && break; done
            echo ready
            exec perl -e '{perl}' "$@" <&3
            """;
    }

    /// <summary>Calibrates the folder-swap race: the number of times root opens main.cf before writing (the last is the writer's check).</summary>
    private static int OpensBeforeWrite()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        using var watcher = OtherUser.Watch(CountOpens, dir.Path);
        var run = Fix(path);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        watcher.WaitForLines(1, TimeSpan.FromSeconds(5));
        Assert.True(watcher.Lines.Count > 0, "no write seen in the calibration run");
        var opens = int.Parse(watcher.Lines[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(opens >= 2, $"root opened main.cf {opens} times before writing: expected the read and the writer's check");
        return opens;
    }

    /// <summary>root's <c>--fix</c> through the shipped native executable, as a process of its own.</summary>
    private static CliRunner.Result Fix(string path)
    {
        var native = NativeBinaryTests.Executable;
        Assert.True(File.Exists(native), $"the native mtalint is not built: {native} (run: bash scripts/publish.sh native)");
        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram(native, "/", ["--fix", "--quiet", "--color", "never", path]);
        Assert.DoesNotContain("internal error", stderr);
        return new CliRunner.Result(exit, stdout, stderr);
    }

    private static InputFile Read(string path)
    {
        var input = InputFile.Read(path, out var error);
        Assert.Null(error);
        return input;
    }

    /// <summary>A root-owned 0600 file, like /etc/shadow or a config with passwords.</summary>
    private static string RootOnly(TempDir dir, string name, string content)
    {
        var path = dir.Write(name, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Owner, group, mode and type as <c>stat</c> reports them (not through mtalint's own calls).</summary>
    internal static string Facts(string path)
    {
        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram("stat", "/", ["-c", "%u:%g %a %F", path]);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    /// <summary>What differs from how the victim must be; empty when unharmed.</summary>
    private static IEnumerable<string> Harmed(string victim, string facts, string? content)
    {
        var now = Facts(victim);
        if (now != facts)
        {
            yield return $"{victim} is now {now}, was {facts}";
        }

        if (content is not null && File.ReadAllText(victim) != content)
        {
            yield return $"{victim} was written";
        }
    }
}
