using System.Diagnostics;

namespace ModelOps.Training.Tests.Support;

/// <summary>Runs Debian's python3-onnx <c>onnx.checker.check_model(full_check=True)</c> on model bytes.</summary>
internal static class OnnxChecker
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Returns null when the checker accepts the model, else its error output.</summary>
    public static string? Check(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelops-training-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Trim() == "ok" ? null : $"exit {process.ExitCode}: {error}{output}";
        }
        finally
        {
            File.Delete(path);
        }
    }
}
