using IntegrationHub.Web;
using IntegrationHub.Web.Infrastructure;

try
{
    return await ServiceHost.RunAsync(args);
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } lines)
{
    // A setting or the environment is wrong: say which, in words an operator can act on, without a stack trace.
    foreach (var line in lines)
    {
        Console.Error.WriteLine("IntegrationHub cannot start: " + line);
    }

    return 1;
}

/// <summary>Entry point; public so functional tests can host the real app.</summary>
public partial class Program;
