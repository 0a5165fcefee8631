using System.Buffers.Binary;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>
/// What a render batch holds, read from its binary form (Blazor's <c>RenderBatchWriter</c>: sections, then five
/// little-endian offsets — updated components, reference frames, disposed components, disposed handlers, strings).
/// </summary>
internal static class RenderBatchStats
{
    /// <summary>How many components the batch re-rendered (diffs sent).</summary>
    public static int UpdatedComponents(ReadOnlySpan<byte> batch)
    {
        if (batch.Length < 20)
        {
            return 0;
        }

        var offset = BinaryPrimitives.ReadInt32LittleEndian(batch[^20..]);
        return offset >= 0 && offset + 4 <= batch.Length ? BinaryPrimitives.ReadInt32LittleEndian(batch[offset..]) : 0;
    }
}
