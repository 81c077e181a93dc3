namespace ModelOps.Training.Linear;

/// <summary>
/// Limited-memory BFGS (memory 10) with a backtracking Armijo line search, for smooth convex objectives.
/// Stops when the largest gradient component falls under <c>gradientTolerance</c>, when the objective stops
/// decreasing (relative change under 2.2e-9, scipy's default), or after <c>maxIterations</c>.
/// </summary>
internal static class Lbfgs
{
    private const int Memory = 10;

    /// <summary>scipy's L-BFGS-B default <c>ftol</c> (what scikit-learn's lbfgs solver stops on).</summary>
    private const double RelativeDecrease = 2.220446049250313e-09;

    /// <summary>Minimises <paramref name="evaluate"/> (which writes the gradient and returns the value) from <paramref name="x"/> in place.</summary>
    public static int Minimize(
        Func<double[], double[], double> evaluate,
        double[] x,
        int maxIterations,
        double gradientTolerance,
        CancellationToken cancellationToken)
    {
        var n = x.Length;
        var g = new double[n];
        var f = evaluate(x, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var alpha = new double[Memory];
        var xNew = new double[n];
        var gNew = new double[n];
        var iteration = 0;
        while (iteration < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MaxAbs(g) <= gradientTolerance)
            {
                break;
            }

            // Two-loop recursion: direction = -H g.
            Array.Copy(g, direction, n);
            for (var i = s.Count - 1; i >= 0; i--)
            {
                alpha[i] = rho[i] * Dot(s[i], direction);
                Axpy(-alpha[i], y[i], direction);
            }

            var gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0 / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
            for (var i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }

            for (var i = 0; i < s.Count; i++)
            {
                var beta = rho[i] * Dot(y[i], direction);
                Axpy(alpha[i] - beta, s[i], direction);
            }

            for (var i = 0; i < n; i++)
            {
                direction[i] = -direction[i];
            }

            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction: restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                var scale = 1.0 / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i] * scale;
                }

                slope = Dot(g, direction);
            }

            var step = 1.0;
            double fNew;
            var accepted = false;
            for (var tries = 0; tries < 40; tries++)
            {
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (step * direction[i]);
                }

                fNew = evaluate(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= f + (1e-4 * step * slope))
                {
                    accepted = true;
                    var sk = new double[n];
                    var yk = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        sk[i] = xNew[i] - x[i];
                        yk[i] = gNew[i] - g[i];
                    }

                    var sy = Dot(sk, yk);
                    if (sy > 1e-12)
                    {
                        if (s.Count == Memory)
                        {
                            s.RemoveAt(0);
                            y.RemoveAt(0);
                            rho.RemoveAt(0);
                        }

                        s.Add(sk);
                        y.Add(yk);
                        rho.Add(1.0 / sy);
                    }

                    var relative = (f - fNew) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(fNew)), 1.0);
                    Array.Copy(xNew, x, n);
                    Array.Copy(gNew, g, n);
                    f = fNew;
                    iteration++;
                    if (relative < RelativeDecrease)
                    {
                        return iteration;
                    }

                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                break;
            }
        }

        return iteration;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static double MaxAbs(double[] a)
    {
        var max = 0.0;
        foreach (var v in a)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
