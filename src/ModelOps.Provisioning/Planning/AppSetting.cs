namespace ModelOps.Provisioning.Planning;

/// <summary>One app setting of the Functions app, or one environment variable of a container.</summary>
public sealed record AppSetting(string Name, SettingValue Value);
