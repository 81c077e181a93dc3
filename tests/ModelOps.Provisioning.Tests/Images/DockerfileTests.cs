using System.Diagnostics;

namespace ModelOps.Provisioning.Tests.Images;

/// <summary>
/// No Docker engine runs here, so the images are checked by what they name: the CPU Dockerfile's own
/// <c>dotnet publish</c> line runs into a temporary folder, and every path the Dockerfiles copy from the build context or
/// from that publish output, and the assembly their ENTRYPOINT starts, must exist. The CUDA Dockerfile publishes with
/// the same arguments plus <c>-p:ModelOpsGpu=true</c>, which swaps only the ONNX Runtime native package, so its paths are
/// checked against the same output.
/// </summary>
public sealed class DockerfileTests : IClassFixture<DockerfileTests.PublishOutput>
{
    private readonly PublishOutput _publish;

    public DockerfileTests(PublishOutput publish) => _publish = publish;

    public static TheoryData<string> Dockerfiles => new() { "Dockerfile", "Dockerfile.cuda" };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copy_EveryPathNamed_Exists(string name)
    {
        var missing = MissingPaths(Read(name), _publish.Directory);

        Assert.True(missing.Count == 0, string.Join("\n", missing.Select(m => $"{name}: {m}")));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void EntryPoint_StartsThePublishedHost(string name)
    {
        var entryPoint = Read(name).EntryPoint();

        Assert.Equal("dotnet", entryPoint[0]);
        Assert.True(File.Exists(Path.Combine(_publish.Directory, entryPoint[1])), $"{name}: {entryPoint[1]} is not in the publish output.");
        Assert.True(File.Exists(Path.Combine(_publish.Directory, Path.ChangeExtension(entryPoint[1], ".runtimeconfig.json"))));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Image_NonRootHealthCheckedModeSettable(string name)
    {
        var dockerfile = Read(name);
        var env = string.Join(' ', dockerfile.All("ENV").Select(e => e.Arguments));

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 ", dockerfile.All("FROM").First().Arguments, StringComparison.Ordinal);
        var user = dockerfile.All("USER").Last().Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains("http://127.0.0.1:8080/v2/health/ready", dockerfile.All("HEALTHCHECK").Single().Arguments, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", env, StringComparison.Ordinal);
        Assert.Contains("ModelOps__Mode=", env, StringComparison.Ordinal);
    }

    [Fact]
    public void CudaPublish_IsTheCpuPublishWithTheGpuSwitch()
    {
        var cpu = Read("Dockerfile").PublishArguments();
        var cuda = Read("Dockerfile.cuda").PublishArguments();

        Assert.Equal([.. cpu, "-p:ModelOpsGpu=true"], [.. cuda.Where(a => a != "-p:ModelOpsGpu=true"), "-p:ModelOpsGpu=true"]);
        Assert.Contains("-p:ModelOpsGpu=true", cuda);
        Assert.Contains("ModelOps__Inference__Session__ExecutionProvider=Cuda", string.Join(' ', Read("Dockerfile.cuda").All("ENV").Select(e => e.Arguments)), StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_MissingPath_IsReported()
    {
        var planted = Path.Combine(Path.GetTempPath(), $"Dockerfile.{Guid.NewGuid():N}");
        File.WriteAllText(planted, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker", "Dockerfile"))
            .Replace("COPY --from=build /app/publish/ ./", "COPY --from=build /app/publish/ModelOps.Missing.dll ./", StringComparison.Ordinal)
            .Replace("COPY src/ src/", "COPY src/ samples-missing/ src/", StringComparison.Ordinal));
        try
        {
            var missing = MissingPaths(Dockerfile.Read(planted), _publish.Directory);

            Assert.Equal(2, missing.Count);
            Assert.Contains(missing, m => m.Contains("samples-missing/", StringComparison.Ordinal));
            Assert.Contains(missing, m => m.Contains("/app/publish/ModelOps.Missing.dll", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(planted);
        }
    }

    /// <summary>Context paths the COPY lines name that the repository lacks, and publish paths the output lacks.</summary>
    private static List<string> MissingPaths(Dockerfile dockerfile, string publishDirectory)
    {
        var published = dockerfile.PublishOutput();
        var missing = new List<string>();
        foreach (var (from, sources, _, line) in dockerfile.Copies())
        {
            foreach (var source in sources)
            {
                if (from is null)
                {
                    Check(Path.Combine(RepositoryPaths.Root, source), source, line, missing);
                }
                else if (from == "build")
                {
                    Check(source.StartsWith(published, StringComparison.Ordinal)
                        ? Path.Combine(publishDirectory, source[published.Length..].TrimStart('/'))
                        : source, source, line, missing);
                }
            }
        }

        return missing;
    }

    private static Dockerfile Read(string name) => Dockerfile.Read(Path.Combine(RepositoryPaths.Root, "docker", name));

    private static void Check(string path, string named, int line, List<string> missing)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            missing.Add($"line {line}: {named} does not exist");
        }
    }

    /// <summary>Runs the CPU Dockerfile's publish line once, into a temporary folder, for the class.</summary>
    public sealed class PublishOutput : IDisposable
    {
        public PublishOutput()
        {
            Directory = Path.Combine(Path.GetTempPath(), $"modelops-publish-{Guid.NewGuid():N}");
            var arguments = Dockerfile.Read(Path.Combine(RepositoryPaths.Root, "docker", "Dockerfile")).PublishArguments().ToList();
            arguments[arguments.IndexOf("-o") + 1] = Directory;
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet publish took longer than 5 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{output.Result}\n{error.Result}");
            }
        }

        public string Directory { get; }

        public void Dispose()
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}
