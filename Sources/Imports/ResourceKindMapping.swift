/// The `resources.kind` of a resource the bill names but the inventory does not have, from what the
/// bill knows. The resource type decides first (lower-cased, without spaces, `-` and `_`):
///
/// | resource type contains                                  | kind             |
/// |---------------------------------------------------------|------------------|
/// | `loadbalancer`                                          | `load_balancer`  |
/// | `ipaddress`, `publicip`, `elasticip`                    | `ip_address`     |
/// | `volume`, `disk`, `snapshot`                            | `volume`         |
/// | `bucket`, `storageaccount`                              | `object_storage` |
/// | `dbinstance`, `dbcluster`, `database`, `sqlserver`      | `database`       |
/// | `instance`, `virtualmachine`, or equals `vm`            | `compute`        |
///
/// Otherwise the FOCUS service category decides: `Compute` gives `compute`, `Databases` gives
/// `database`; anything else (including `Storage`, which may be a disk or a bucket) gives `other`.
public enum ResourceKindMapping {
    public static func kind(resourceType: String?, serviceCategory: String?) -> String {
        if let resourceType {
            let type = String(resourceType.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
            let rules: [(needles: [String], kind: String)] = [
                (["loadbalancer"], "load_balancer"),
                (["ipaddress", "publicip", "elasticip"], "ip_address"),
                (["volume", "disk", "snapshot"], "volume"),
                (["bucket", "storageaccount"], "object_storage"),
                (["dbinstance", "dbcluster", "database", "sqlserver"], "database"),
                (["instance", "virtualmachine"], "compute"),
            ]
            for rule in rules where rule.needles.contains(where: { type.contains($0) }) { return rule.kind }
            if type == "vm" { return "compute" }
        }
        switch serviceCategory?.lowercased() {
        case "compute": return "compute"
        case "databases": return "database"
        default: return "other"
        }
    }
}
