namespace ModelOps.Host.Demo;

/// <summary>The demo model seeded on first start (section <c>ModelOps:Demo</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>Whether an empty storage account gets the demo model. Default true; tests set <c>ModelOps__Demo__Enabled=false</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The demo model's name. Default <c>demo</c>.</summary>
    public string Model { get; set; } = "demo";

    /// <summary>Rows of synthetic data. Default 2000.</summary>
    public int Rows { get; set; } = 2000;

    /// <summary>Seeds the generator. Default 42.</summary>
    public int Seed { get; set; } = 42;
}
