package io.cc4j.cli;

import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import picocli.CommandLine;

/** Option converters for the network's enums: the library's parsers, so errors list the accepted names. */
final class NetworkConverters {
    private NetworkConverters() {
    }

    /** {@code resnet18}, {@code ResNet-34}, ... */
    static final class Backbone implements CommandLine.ITypeConverter<BackboneType> {
        @Override
        public BackboneType convert(String value) {
            return BackboneType.parse(value);
        }
    }

    /** {@code cifar} or {@code imagenet}. */
    static final class StemName implements CommandLine.ITypeConverter<Stem> {
        @Override
        public Stem convert(String value) {
            return Stem.parse(value);
        }
    }
}
