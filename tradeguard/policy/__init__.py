"""tradeguard.policy"""
