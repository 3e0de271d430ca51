using System.Text.Json;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

public sealed class UnsafeCharsTests
{
    [Theory]
    [InlineData("\u001b[2J", 0)]
    [InlineData("bell\u0007", 4)]
    [InlineData("del\u007f", 3)]
    [InlineData("csi\u009b", 3)]
    [InlineData("rtl\u202eoverride", 3)]
    [InlineData("isolate\u2067", 7)]
    [InlineData("line\u2028sep", 4)]
    [InlineData("non\uffff", 3)]
    [InlineData("tab\tpair\ud83d\ude00é中", -1)]
    public void Finds_what_must_not_reach_a_terminal(string text, int index) => Assert.Equal(index, UnsafeChars.IndexOfUnsafe(text));

    [Fact]
    public void A_surrogate_is_unsafe_only_without_its_other_half()
    {
        // Not theory data: xunit's serialisation of test cases would turn a lone surrogate into U+FFFD.
        Assert.Equal(4, UnsafeChars.IndexOfUnsafe("lone\ud800"));
        Assert.Equal(0, UnsafeChars.IndexOfUnsafe("\udc00first"));
        Assert.Equal(1, UnsafeChars.IndexOfUnsafe("a\udc00\ud800b"));
        Assert.Equal(-1, UnsafeChars.IndexOfUnsafe("pair \ud83d\ude00"));
    }

    [Fact]
    public void Replaces_one_char_for_one_so_columns_keep_their_place()
    {
        var text = "a\u001bb\u202ec\ud800d\ud83d\ude00e\tf";
        var shown = UnsafeChars.Replaced(text);
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd\ud83d\ude00e\tf", shown);
        Assert.Equal(text.Length, shown.Length);
        Assert.Same("plain text", UnsafeChars.Replaced("plain text"));
    }

    [Fact]
    public void Json_escapes_what_the_relaxed_encoder_leaves_raw_and_keeps_the_data()
    {
        var json = "{\n  \"m\": \"a\u202eb\u2066c\"\n}";
        var escaped = UnsafeChars.EscapedInJson(json);
        Assert.Equal("{\n  \"m\": \"a\\u202Eb\\u2066c\"\n}", escaped);
        using var document = JsonDocument.Parse(escaped);
        Assert.Equal("a\u202eb\u2066c", document.RootElement.GetProperty("m").GetString());
    }

    [Theory]
    [InlineData("conf/a\u202eb/main.cf", "conf/a\\u202eb/main.cf", "\"a/conf/a\\342\\200\\256b/main.cf\"")]
    [InlineData("conf/a\u001bb/main.cf", "conf/a\\x1bb/main.cf", "\"a/conf/a\\033b/main.cf\"")]
    [InlineData("conf/a\u0085b/main.cf", "conf/a\\x85b/main.cf", "\"a/conf/a\\302\\205b/main.cf\"")]
    [InlineData("conf/é/main.cf", "conf/é/main.cf", "a/conf/é/main.cf")]
    public void Paths_are_escaped_for_lines_and_quoted_for_patches_as_git_does(string path, string line, string patch)
    {
        Assert.Equal(line, EscapedPath.Of(path));
        Assert.Equal(patch, EscapedPath.ForPatch("a/" + path));
    }
}
