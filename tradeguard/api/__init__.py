"""tradeguard.api"""
