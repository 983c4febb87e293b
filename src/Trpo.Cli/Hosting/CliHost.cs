using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Trpo.Cli.Hosting;

/// <summary>
/// Builds the generic host a command runs in: the layered configuration, logging (off unless <c>--verbose</c>,
/// then to stderr), and the command's services. No appsettings.json or DOTNET_* defaults: configuration comes
/// only from the layers documented in the README.
/// </summary>
public static class CliHost
{
    /// <summary>A host over <paramref name="configuration"/> with the services <paramref name="register"/> adds.</summary>
    public static IHost Build(IConfiguration configuration, bool verbose, string workingDirectory, Action<IServiceCollection> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "trpo",
            ContentRootPath = workingDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        register(builder.Services);
        return builder.Build();
    }
}
