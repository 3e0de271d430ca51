namespace MtaLint.Model.Sendmail;

/// <summary>
/// What sendmail-cf 8.17 (Debian's sendmail-cf package, cf/m4 and the OSTYPE/DOMAIN/FEATURE files)
/// defines that the model reads. mtalint does not read the cf tree at run time (it is often not
/// installed where configs are linted); the oracle tests check these facts against the real tree.
/// </summary>
internal static partial class SendmailCfKnowledge
{
    /// <summary>sendmail-cf's default greeting (cf/m4/cfhead.m4).</summary>
    public const string DefaultGreeting = "$j Sendmail $v/$Z; $b";

    /// <summary>The greeting sendmail itself uses when the .cf has none (proto.m4 writes it as a comment when confSMTP_LOGIN_MSG is undefined).</summary>
    public const string BinaryDefaultGreeting = "$j Sendmail $v ready at $b";

    /// <summary>OSTYPE(`debian') (cf/ostype/debian.m4).</summary>
    public const string DebianGreeting = "$j Sendmail $v/$Z; $b; (No UCE/UBE) $?{client_addr}logging access from: ${client_name}(${client_resolve})-$_$.";

    /// <summary>sendmail's AuthMechanisms when the .cf sets none (conf.h AUTH_MECHANISMS): no plaintext mechanism.</summary>
    public const string DefaultAuthMechanisms = "EXTERNAL GSSAPI KERBEROS_V4 DIGEST-MD5 CRAM-MD5";

    /// <summary>The sendmail version Debian's package builds (what <c>$v</c> and <c>$Z</c> show by default).</summary>
    public const string Version = "8.17.1.9";

    /// <summary>
    /// Definitions cf/m4/cfhead.m4 makes before the .mc is read: its option defaults (generated from
    /// the real file: m4 replaces these names wherever a .mc uses them as text), and what the model reads.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> CfHeadDefaults { get; } =
    [
        .. SendmailCfHeadDefines.All,
        ("MAIL_SETTINGS_DIR", "/etc/mail/"),
        ("DATABASE_MAP_TYPE", "hash"),
        ("_DPO_", string.Empty),
        ("_CPO_", string.Empty),
    ];

    /// <summary>
    /// The macros that start a raw section, and the diversion each leaves m4 writing to (cfhead.m4):
    /// text after them is meant as raw sendmail.cf lines, which proto.m4 places in their section.
    /// </summary>
    public static IReadOnlyDictionary<string, int> RawSections { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["LOCAL_NET_CONFIG"] = 1,
        ["LOCAL_RULE_3"] = 2,
        ["LOCAL_RULE_0"] = 3,
        ["LOCAL_UUCP"] = 4,
        ["LOCAL_CONFIG"] = 6,
        ["MAILER_DEFINITIONS"] = 7,
        ["LOCAL_DNSBL"] = 8,
        ["LOCAL_RULE_1"] = 9,
        ["LOCAL_RULE_2"] = 9,
        ["LOCAL_RULESETS"] = 9,
        ["LOCAL_SRV_FEATURES"] = 9,
        ["LOCAL_CLT_FEATURES"] = 9,
        ["LOCAL_TRY_TLS"] = 9,
        ["LOCAL_TLS_RCPT"] = 9,
        ["LOCAL_TLS_CLIENT"] = 9,
        ["LOCAL_TLS_SERVER"] = 9,
    };

    /// <summary>
    /// The m4 that sets a sendmail.cf option, by option name (any case): proto.m4's <c>_OPTION</c>
    /// lines, and the options it writes from other macros.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OptionMacros { get; } = SendmailOptionMacros.All
        .Concat<(string Option, string Macro)>([("HelpFile", "HELP_FILE"), ("QueueDirectory", "QUEUE_DIR"), ("TimeZoneSpec", "confTIME_ZONE")])
        .ToDictionary(o => o.Option, o => o.Macro, StringComparer.OrdinalIgnoreCase);

    /// <summary>Options proto.m4 writes from a macro call, one line per call, not from a define.</summary>
    public static IReadOnlyDictionary<string, string> OptionCalls { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["DaemonPortOptions"] = "DAEMON_OPTIONS",
        ["ClientPortOptions"] = "CLIENT_OPTIONS",
    };

    /// <summary>The one-letter names of sendmail's options (readcf.c OptionTab), for reading an <c>O</c> line without a blank after the O.</summary>
    public static IReadOnlyDictionary<char, string> ShortOptions { get; } = new Dictionary<char, string>
    {
        ['7'] = "SevenBitInput", ['8'] = "EightBitMode", ['A'] = "AliasFile", ['a'] = "AliasWait", ['B'] = "BlankSub",
        ['b'] = "MinFreeBlocks", ['C'] = "CheckpointInterval", ['c'] = "HoldExpensive", ['d'] = "DeliveryMode",
        ['E'] = "ErrorHeader", ['e'] = "ErrorMode", ['F'] = "TempFileMode", ['f'] = "SaveFromLine", ['G'] = "MatchGECOS",
        ['H'] = "HelpFile", ['h'] = "MaxHopCount", ['I'] = "ResolverOptions", ['i'] = "IgnoreDots", ['J'] = "ForwardPath",
        ['j'] = "SendMimeErrors", ['k'] = "ConnectionCacheSize", ['K'] = "ConnectionCacheTimeout", ['l'] = "UseErrorsTo",
        ['L'] = "LogLevel", ['m'] = "MeToo", ['n'] = "CheckAliases", ['o'] = "OldStyleHeaders", ['O'] = "DaemonPortOptions",
        ['p'] = "PrivacyOptions", ['P'] = "PostmasterCopy", ['q'] = "QueueFactor", ['Q'] = "QueueDirectory",
        ['R'] = "DontPruneRoutes", ['r'] = "Timeout", ['S'] = "StatusFile", ['s'] = "SuperSafe", ['T'] = "QueueTimeout",
        ['t'] = "TimeZoneSpec", ['U'] = "UserDatabaseSpec", ['u'] = "DefaultUser", ['V'] = "FallbackMXhost", ['v'] = "Verbose",
        ['w'] = "TryNullMXList", ['x'] = "QueueLA", ['X'] = "RefuseLA", ['y'] = "RecipientFactor", ['Y'] = "ForkEachJob",
        ['z'] = "ClassFactor", ['Z'] = "RetryFactor",
    };

    /// <summary>The words PrivacyOptions takes, in any case (conf.c PrivacyValues).</summary>
    public static IReadOnlySet<string> PrivacyFlags { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "public", "needmailhelo", "needexpnhelo", "needvrfyhelo", "noexpn", "novrfy", "restrictexpand", "restrictmailq", "restrictqrun",
        "noetrn", "noverb", "authwarnings", "noreceipts", "nobodyreturn", "goaway", "noactualrecipient", "noreflection", "safe",
    };

    /// <summary>
    /// Names other MTAs give their greeting, which people write into a .mc by mistake: what they mean
    /// is confSMTP_LOGIN_MSG.
    /// </summary>
    public static IReadOnlySet<string> ForeignGreetingNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "smtpd_banner", "smtp_banner", "SmtpGreetingMessage",
    };

    /// <summary>
    /// Macros that have a value when sendmail sends its greeting to a client of its daemon: set from the
    /// host and the binary, by proto.m4's <c>D</c> lines, or for the connection before the greeting
    /// (daemon.c, srvrsmtp.c). Every other macro is empty then ({auth_*}, {tls_version}, $s, $r...).
    /// </summary>
    public static IReadOnlySet<string> SetAtGreeting { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "j", "w", "k", "v", "Z", "b", "n", "_",
        "{if_name}", "{if_addr}", "{if_family}",
        "{client_addr}", "{client_name}", "{client_port}", "{client_ptr}", "{client_resolve}",
        "{daemon_name}", "{daemon_addr}", "{daemon_family}", "{daemon_port}", "{daemon_flags}",
    };

    /// <summary>The calls that make m4 read a file of sendmail-cf's tree, by the directory each reads from (cfhead.m4).</summary>
    private static readonly HashSet<string> FileCalls = ["FEATURE", "MAILER", "OSTYPE", "DOMAIN", "HACK"];

    /// <summary>The names each such call's file (and the cf files it calls in turn) mentions, by <c>FEATURE(local_lmtp)</c>.</summary>
    private static readonly Dictionary<string, HashSet<string>> CallReads = SendmailCfCallReads.All
        .ToDictionary(c => c.Call, c => c.Names.Split(' ').ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>
    /// The names <paramref name="call"/> may read when m4 runs it: its cf file mentions them, or its arguments do (a
    /// feature expands its arguments); none for a call that only defines or diverts (it reads no file); null when it may
    /// read any name (a file sendmail-cf does not have, such as a site's own feature).
    /// </summary>
    internal static IEnumerable<string>? NamesRead(CfCall call)
    {
        if (!FileCalls.Contains(call.Name))
        {
            return [];
        }

        if (!CallReads.TryGetValue($"{call.Name}({call.Arg(0).Trim()})", out var names))
        {
            return null;
        }

        return names.Concat(call.Arguments.SelectMany(a => Words().Matches(a).Select(m => m.Value)));
    }

    /// <summary>A name as the arguments may hold it: a run of what m4 names are made of.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9_]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Words();

    /// <summary>Applies what a sendmail-cf call defines that matters to the model.</summary>
    internal static void Apply(CfCall call, McEvaluator m4)
    {
        var from = call.Span;
        void Define(string name, string value) =>
            m4.Define(new MacroDefinition(name, value, from, null, null, ValueQuoted: true, FromFile: false));

        switch (call.Name, call.Arg(0))
        {
            case ("OSTYPE", "debian"):
                Define("confSMTP_LOGIN_MSG", DebianGreeting);
                break;
            case ("DOMAIN", "debian-mta"):
                // debian-mta.m4: restrictqrun, plus restrictexpand on sendmail >= 8.12.
                Define("confPRIVACY_FLAGS", "restrictqrun,restrictexpand");
                break;
            case ("FEATURE", "msp"):
                Define("confPRIVACY_FLAGS", "goaway,noetrn,restrictqrun");
                Define("_NO_MSA_", "1");
                Define("_MSP_", "1");
                break;
            case ("FEATURE", "no_default_msa"):
                Define("_NO_MSA_", "1");
                break;
            case ("HACK", "msp_nullclient"):
                Define("confPRIVACY_FLAGS", "goaway,noetrn");
                Define("_MSP_", "1");
                break;
        }
    }
}
