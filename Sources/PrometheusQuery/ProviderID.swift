/// A Kubernetes node's `spec.providerID` (kube-state-metrics' `kube_node_info{provider_id}`) as the
/// `resource_id` the cloud bill gives the machine.
public enum ProviderID {
    /// - `aws:///us-east-1a/i-0abc` (or `aws:///i-0abc`) -> `i-0abc`, the EC2 instance id.
    /// - `gce://project/zone/name` -> `name`, the instance name.
    /// - `azure:///subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/NAME`
    ///   -> the ARM id from `/subscriptions`, lower-cased (Azure's cost exports write resource ids in
    ///   lower case); a scale-set instance (`.../virtualMachineScaleSets/SET/virtualMachines/3`) -> the
    ///   scale set's id, which is what the bill charges.
    /// - anything else (empty, `kind://`, bare-metal, other clouds) -> nil.
    public static func resourceId(_ providerId: String) -> String? {
        guard let separator = providerId.range(of: "://") else { return nil }
        let scheme = providerId[..<separator.lowerBound].lowercased()
        let parts = providerId[separator.upperBound...].split(separator: "/").map(String.init)
        switch scheme {
        case "aws":
            guard let last = parts.last, last.hasPrefix("i-"), last.count > 2 else { return nil }
            return last
        case "gce":
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            return parts[2]
        case "azure":
            let lower = parts.map { $0.lowercased() }
            guard lower.first == "subscriptions", lower.count >= 8, lower[2] == "resourcegroups", lower[4] == "providers",
                  lower[5] == "microsoft.compute" else { return nil }
            if lower[6] == "virtualmachinescalesets", lower.count >= 8 { return "/" + lower[0..<8].joined(separator: "/") }
            guard lower[6] == "virtualmachines", lower.count == 8 else { return nil }
            return "/" + lower.joined(separator: "/")
        default:
            return nil
        }
    }
}
