using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Server.Legacy;

/// <summary>SEC-5: the body is not valid UTF-8; <see cref="Line"/> is the line holding the first bad byte.</summary>
public sealed class InvalidEncodingException(long line) : Exception($"Invalid UTF-8 on line {line}.")
{
    public long Line { get; } = line;
}

/// <summary>
/// SEC-5: passes a body through while checking it is strict UTF-8 (a leading BOM allowed) and counting
/// lines, so an invalid byte is reported with its line before any text is decoded from it.
/// </summary>
public sealed class Utf8CheckingStream(Stream inner) : Stream
{
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private long _newlines;

    /// <summary>Bytes read so far (the file's size once the end is reached).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Hashes everything read (the file hash of the import's audit entry); the reader of the stream disposes it.</summary>
    public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Check(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Check(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Check(Span<byte> data)
    {
        Hash.AppendData(data);
        BytesRead += data.Length;
        if (data.Length == 0)
        {
            if (_carryLength > 0)
            {
                throw new InvalidEncodingException(_newlines + 1);
            }
            return 0;
        }
        var span = (ReadOnlySpan<byte>)data;
        if (_carryLength > 0)
        {
            // Finish the sequence cut by the previous read.
            var need = Math.Min(4 - _carryLength, span.Length);
            Span<byte> joined = stackalloc byte[8];
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            span[..need].CopyTo(joined[_carryLength..]);
            var status = Rune.DecodeFromUtf8(joined[..(_carryLength + need)], out _, out var used);
            if (status == OperationStatus.InvalidData)
            {
                throw new InvalidEncodingException(_newlines + 1);
            }
            if (status == OperationStatus.NeedMoreData)
            {
                _carry.AsSpan(_carryLength, need).Clear();
                span[..need].CopyTo(_carry.AsSpan(_carryLength));
                _carryLength += need;
                return data.Length;
            }
            span = span[(used - _carryLength)..];
            _carryLength = 0;
        }
        while (!span.IsEmpty)
        {
            var nonAscii = span.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                _newlines += span.Count((byte)'\n');
                break;
            }
            _newlines += span[..nonAscii].Count((byte)'\n');
            span = span[nonAscii..];
            var status = Rune.DecodeFromUtf8(span, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                span.CopyTo(_carry);
                _carryLength = span.Length;
                break;
            }
            if (status != OperationStatus.Done)
            {
                throw new InvalidEncodingException(_newlines + 1);
            }
            span = span[consumed..];
        }
        return data.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
