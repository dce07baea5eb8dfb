/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator whose output depends only on
/// its seed, on every machine and Swift version. It deliberately does not conform to
/// `RandomNumberGenerator`, so the standard library's sampling algorithms (which may change between
/// releases) are never used on it.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Seeded from several keys (seed, copy, resource ordinal, ...), each mixed in turn.
    init(keys: UInt64...) { state = StableHash.combine(keys) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.mix(state)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// Uniform integer in `range` (modulo bias is below 2^-40 for the small ranges used here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }
}

/// Stateless hashing of integer keys into noise, so a sample's value is a pure function of
/// (seed, resource, time) and streaming needs no generator state.
enum StableHash {
    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func combine(_ keys: [UInt64]) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        for key in keys { hash = mix(hash ^ mix(key &+ 0x9E37_79B9_7F4A_7C15)) }
        return hash
    }

    /// Uniform in [0, 1) from the keys.
    static func unit(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Double {
        var hash = mix(a ^ 0x243F_6A88_85A3_08D3)
        hash = mix(hash ^ (b &* 0x9E37_79B9_7F4A_7C15))
        hash = mix(hash ^ (c &* 0xC2B2_AE3D_27D4_EB4F))
        hash = mix(hash ^ (d &* 0x1656_67B1_9E37_79F9))
        return Double(hash >> 11) * 0x1.0p-53
    }

    /// Uniform in [-1, 1) from the keys.
    static func symmetric(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Double {
        unit(a, b, c, d) * 2 - 1
    }
}
