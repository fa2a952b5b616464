using CallRouter.Core.Auth;

namespace CallRouter.Core.Tests;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_RightPassword_IsTrue()
    {
        string hash = PasswordHasher.Hash("correct horse", iterations: 1000);

        Assert.True(PasswordHasher.Verify("correct horse", hash));
    }

    [Fact]
    public void Verify_WrongPassword_IsFalse()
    {
        string hash = PasswordHasher.Hash("correct horse", iterations: 1000);

        Assert.False(PasswordHasher.Verify("correct horsE", hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(PasswordHasher.Hash("same", iterations: 1000), PasswordHasher.Hash("same", iterations: 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void Verify_MalformedHash_IsFalseNotAnException(string encoded)
    {
        Assert.False(PasswordHasher.Verify("anything", encoded));
    }
}
