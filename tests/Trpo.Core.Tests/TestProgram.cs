namespace Trpo.Core.Tests;

/// <summary>
/// The test assembly's entry point (in place of the one Microsoft.NET.Test.Sdk generates; the test host never calls it).
/// Tests that must run code under other runtime settings start <c>dotnet Trpo.Core.Tests.dll &lt;command&gt;</c> as a child
/// process: <c>tanh-hash</c> prints <see cref="Numerics.TanhHash.Run"/>'s line.
/// </summary>
internal static class TestProgram
{
    public static int Main(string[] args) => args is ["tanh-hash"] ? Numerics.TanhHash.Run() : 2;
}
