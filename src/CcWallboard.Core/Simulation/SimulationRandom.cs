using System.Numerics;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// A small, fast random source whose sequence is fixed by its seed forever (xoshiro256**, seeded through
/// SplitMix64), independent of the .NET version — so a simulated day can be reproduced from its seed. Streams for
/// separate purposes are derived from a stable hash of a seed and names (never <see cref="string.GetHashCode()"/>,
/// which changes per process).
/// </summary>
internal sealed class SimulationRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimulationRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>An independent stream for one purpose (e.g. the arrivals of one queue), fixed by its inputs.</summary>
    public static SimulationRandom Derive(int seed, string purpose, string key, long number) =>
        new(StableHash(seed, purpose, key, number));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform whole number in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)(NextDouble() * count);

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())) * Math.Cos(2.0 * Math.PI * NextDouble());

    /// <summary>Log-normal with the given mean and shape <paramref name="sigma"/> (the coefficient of variation grows with it).</summary>
    public double LogNormal(double mean, double sigma) => Math.Exp(Math.Log(mean) - (sigma * sigma / 2) + (sigma * Normal()));

    private ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the inputs: stable across processes, platforms and .NET versions.</summary>
    private static ulong StableHash(int seed, string purpose, string key, long number)
    {
        const ulong prime = 0x100000001B3UL;
        var hash = 0xCBF29CE484222325UL;
        void Add(ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash = (hash ^ ((value >> (i * 8)) & 0xFF)) * prime;
            }
        }
        Add((ulong)seed);
        foreach (var c in purpose)
        {
            Add(c);
        }
        Add(0xFF);
        foreach (var c in key)
        {
            Add(c);
        }
        Add((ulong)number);
        return hash;
    }
}
