import Foundation

/// Recommended requests in the units people write in a pod spec: CPU in millicores rounded **up**
/// to a multiple of 10 m (at least 10 m), memory in MiB rounded **up** to a multiple of 16 MiB
/// (at least 16 MiB). The needed quantity is first rounded to 6 decimals of its unit, so float
/// noise (0.13 stored as 0.1299999952) never moves a value across a step.
public enum RequestRounding {
    public static let cpuStepMillicores = 10
    public static let memoryStepMiB = 16
    public static let bytesPerMiB = 1_048_576.0
    public static let bytesPerGiB = 1_073_741_824.0

    /// `cores` as millicores, rounded up to the CPU step.
    public static func cpuMillicores(cores: Double) -> Int {
        roundUp(cores * 1000, step: cpuStepMillicores)
    }

    /// `bytes` as MiB, rounded up to the memory step.
    public static func memoryMiB(bytes: Double) -> Int {
        roundUp(bytes / bytesPerMiB, step: memoryStepMiB)
    }

    /// A current CPU request as whole millicores (a pod spec cannot hold less).
    public static func millicores(_ cores: Double) -> Int { Int((cores * 1000).rounded()) }

    private static func roundUp(_ value: Double, step: Int) -> Int {
        let cleaned = (value * 1e6).rounded() / 1e6
        let steps = max(1, Int((cleaned / Double(step)).rounded(.up)))
        return steps * step
    }
}
