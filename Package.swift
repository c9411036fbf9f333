// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Ducha",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ducha", targets: ["ducha"]),
        .library(name: "DuchaCore", targets: ["DuchaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "GuoMi", dependencies: ["CLibCrypto"]),
        .target(name: "CODFXML", dependencies: ["CLibXML2"]),
        .target(name: "CSystemCalls"),
        .target(name: "ODF", dependencies: ["CODFXML", "CLibZip"]),
        .target(name: "Matters"),
        .target(name: "Intake", dependencies: ["Matters", "ODF", "Rendering"]),
        .target(name: "Filling", dependencies: ["Matters", "ODF"]),
        .target(name: "Rendering", dependencies: ["ODF"]),
        .target(
            name: "Archive",
            dependencies: [
                "Matters", "ODF", "CSystemCalls", "GuoMi", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DuchaCore",
            dependencies: ["ODF", "Matters", "Intake", "Filling", "Rendering", "Archive", "GuoMi"]
        ),
        .target(
            name: "DuchaServer",
            dependencies: [
                "DuchaCore", "Matters", "Archive",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "ducha",
            dependencies: [
                "DuchaCore", "DuchaServer", "Matters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ODFTests", dependencies: ["ODF", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "MattersTests", dependencies: ["Matters"]),
        .testTarget(name: "GuoMiTests", dependencies: ["GuoMi", "TestSupport"]),
        .testTarget(
            name: "IntakeTests",
            dependencies: [
                "Intake", "Matters", "Rendering", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FillingTests", dependencies: ["Filling", "ODF", "Matters", "Rendering", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "ODF", "TestSupport"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Matters", "ODF", "TestSupport"]),
        .testTarget(
            name: "DuchaCoreTests", dependencies: ["DuchaCore", "Matters", "Archive", "ODF", "GuoMi", "TestSupport"]),
        .testTarget(name: "DuchaTests", dependencies: ["ducha", "TestSupport"]),
        .testTarget(
            name: "DuchaServerTests",
            dependencies: [
                "DuchaServer", "DuchaCore", "Matters", "Archive", "ODF", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
